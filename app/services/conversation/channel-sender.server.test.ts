// Which provider sends for a channel: chosen per channel from its own settings and credentials.
import { expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { sealChannelCredentials } from "~/models/channel.server";
import { createOrganization } from "../../../prisma/factories";
import { createChannel } from "../../../prisma/factories-conversations";
import { senderForChannel } from "./channel-sender.server";

test("WhatsApp and SMS go through Twilio only on a Twilio channel with its own credentials, else the sandbox", async () => {
  const { organization } = await createOrganization(prisma);
  const sandbox = await createChannel(prisma, { organizationId: organization.id, kind: "WHATSAPP", address: "+14155238886" });
  const created = await createChannel(prisma, { organizationId: organization.id, kind: "SMS", provider: "TWILIO" });
  const twilio = await prisma.channel.update({
    where: { id: created.id },
    data: { messagingServiceSid: `MG${"d".repeat(32)}`, secrets: sealChannelCredentials(created.id, { accountSid: `AC${"1".repeat(32)}`, authToken: "tok" }) },
  });
  expect(senderForChannel(sandbox)).toMatchObject({ kind: "messaging", provider: { name: "sandbox" }, from: "+14155238886" });
  expect(senderForChannel(twilio)).toMatchObject({
    kind: "messaging",
    provider: { name: "twilio" },
    from: `MG${"d".repeat(32)}`,
    statusCallbackUrl: expect.stringMatching(new RegExp(`/webhooks/twilio/${twilio.id}/status$`)),
  });
  const withoutCredentials = await createChannel(prisma, { organizationId: organization.id, kind: "WHATSAPP", provider: "TWILIO" });
  expect(() => senderForChannel(withoutCredentials)).toThrow(/has no Twilio account SID and auth token/);
});

test("email goes over the channel's own SMTP server when it has one, else the sandbox (no SMTP_URL here)", async () => {
  const { organization } = await createOrganization(prisma);
  const created = await createChannel(prisma, { organizationId: organization.id, kind: "EMAIL" });
  const own = await prisma.channel.update({ where: { id: created.id }, data: { secrets: sealChannelCredentials(created.id, { smtpUrl: "smtp://127.0.0.1:2525" }) } });
  const plain = await createChannel(prisma, { organizationId: organization.id, kind: "EMAIL" });
  expect(senderForChannel(own)).toMatchObject({ kind: "email", provider: { name: "smtp" } });
  expect(senderForChannel(plain)).toMatchObject({ kind: "email", provider: { name: "sandbox" } });
});
