// The sandbox outbox written several entries at a time: one row each, stamped in the order given, and
// an external id seen before left as it was (a retried idempotent send adds nothing).
import { expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { createOrganization } from "../../prisma/factories";
import { recordOutboxEntries, recordOutboxEntry, type OutboxEntry } from "./sandbox-outbox.server";

const entry = (organizationId: string, n: number, externalId = `SMtest${organizationId.slice(0, 8)}${n}`): OutboxEntry => ({
  organizationId,
  channel: "WHATSAPP",
  toAddress: "+919812345678",
  fromAddress: "+14155238886",
  body: `Message ${n}`,
  payload: { status: "queued", n },
  externalId,
});

test("entries written together are one row each, in the order given; a known external id is left as it was", async () => {
  const { organization } = await createOrganization(prisma);
  const { organization: other } = await createOrganization(prisma);
  await recordOutboxEntry(prisma, entry(organization.id, 0));

  await recordOutboxEntries(prisma, [entry(organization.id, 1), entry(other.id, 2), { ...entry(organization.id, 9), externalId: entry(organization.id, 0).externalId }, entry(organization.id, 3)]);

  const rows = await prisma.sandboxOutbox.findMany({ where: { organizationId: organization.id } });
  const byBody = new Map(rows.map((row) => [row.body, row]));
  expect([...byBody.keys()].sort()).toEqual(["Message 0", "Message 1", "Message 3"]);
  expect(byBody.get("Message 1")).toMatchObject({ provider: "sandbox", channel: "WHATSAPP", toAddress: "+919812345678", fromAddress: "+14155238886", payload: { status: "queued", n: 1 } });
  // Stamped in the order given (the same millisecond may hold both).
  expect(byBody.get("Message 1")!.createdAt.getTime()).toBeLessThanOrEqual(byBody.get("Message 3")!.createdAt.getTime());
  expect(await prisma.sandboxOutbox.findMany({ where: { organizationId: other.id }, select: { body: true } })).toEqual([{ body: "Message 2" }]);
});
