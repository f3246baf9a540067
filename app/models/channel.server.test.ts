import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { channelCredentials, publicChannel, sealChannelCredentials } from "~/models/channel.server";
import { createOrganization } from "../../prisma/factories";
import { createChannel } from "../../prisma/factories-conversations";

describe("channel credentials", () => {
  test("are stored sealed, open on their own row only, and never reach the public shape", async () => {
    const { organization } = await createOrganization(prisma);
    const channel = await createChannel(prisma, { organizationId: organization.id, provider: "TWILIO" });
    const other = await createChannel(prisma, { organizationId: organization.id });
    const secrets = sealChannelCredentials(channel.id, { accountSid: "AC" + "a".repeat(32), authToken: "tok-123456" });
    const saved = await prisma.channel.update({ where: { id: channel.id }, data: { secrets } });
    expect(saved.secrets).not.toContain("tok-123456");
    expect(channelCredentials(saved)).toEqual({ accountSid: "AC" + "a".repeat(32), authToken: "tok-123456" });
    // Copied onto another channel, they do not open.
    expect(() => channelCredentials({ id: other.id, secrets })).toThrow();
    const shown = publicChannel(saved);
    expect(JSON.stringify(shown)).not.toContain(secrets);
    expect(shown).toMatchObject({ id: channel.id, hasCredentials: true });
    expect("secrets" in shown).toBe(false);
    expect(channelCredentials(other)).toEqual({});
  });
});
