import { expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { createOrganization } from "./factories";
import { seedChannels } from "./seed-channels";

test("the demo organization gets a sandbox WhatsApp and a sandbox SMS channel, without credentials", async () => {
  const { organization } = await createOrganization(prisma);
  await seedChannels(prisma, { organizationId: organization.id });
  const channels = await prisma.channel.findMany({ where: { organizationId: organization.id }, orderBy: { kind: "asc" } });
  expect(channels.map((c) => [c.kind, c.provider, c.address, c.enabled, c.secrets])).toEqual([
    ["WHATSAPP", "SANDBOX", "+919820000001", true, null],
    ["SMS", "SANDBOX", "+919820000002", true, null],
  ]);
});
