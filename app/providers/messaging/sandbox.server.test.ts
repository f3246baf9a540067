import { expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { createOrganization } from "../../../prisma/factories";
import { createSandboxMessagingProvider, signSandboxTwilioWebhook } from "./sandbox.server";

const messaging = createSandboxMessagingProvider({ db: prisma });

test("records a WhatsApp text in its organization's outbox with a Twilio-like SID", async () => {
  const { organization } = await createOrganization(prisma);
  const { organization: other } = await createOrganization(prisma);

  const result = await messaging.sendText({
    organizationId: organization.id,
    channel: "WHATSAPP",
    from: "+14155238886",
    to: "+919876543210",
    body: "Namaste! Demo link yeh raha.",
    statusCallbackUrl: "http://localhost:3000/webhooks/twilio/ch_1/status",
  });

  expect(result).toEqual({ provider: "sandbox", externalId: expect.stringMatching(/^SM[0-9a-f]{32}$/), status: "queued" });
  const rows = await prisma.sandboxOutbox.findMany({ where: { organizationId: organization.id } });
  expect(rows).toEqual([
    expect.objectContaining({
      channel: "WHATSAPP",
      provider: "sandbox",
      toAddress: "+919876543210",
      fromAddress: "+14155238886",
      subject: null,
      body: "Namaste! Demo link yeh raha.",
      externalId: result.externalId,
      payload: { status: "queued", statusCallbackUrl: "http://localhost:3000/webhooks/twilio/ch_1/status", template: null },
    }),
  ]);
  expect(await prisma.sandboxOutbox.count({ where: { organizationId: other.id } })).toBe(0);
});

test("records an SMS template with its rendered text and variables", async () => {
  const { organization } = await createOrganization(prisma);
  const contentSid = `HX${"a".repeat(32)}`;

  const result = await messaging.sendTemplate({
    organizationId: organization.id,
    channel: "SMS",
    from: "+15005550006",
    to: "+919812345678",
    contentSid,
    templateName: "payment_reminder",
    variables: { "1": "Priya" },
    renderedBody: "Hi Priya, your payment is pending.",
  });

  const row = await prisma.sandboxOutbox.findUniqueOrThrow({ where: { externalId: result.externalId } });
  expect(row).toMatchObject({
    organizationId: organization.id,
    channel: "SMS",
    body: "Hi Priya, your payment is pending.",
    payload: { status: "queued", statusCallbackUrl: null, template: { contentSid, name: "payment_reminder", variables: { "1": "Priya" } } },
  });
});

test("refuses numbers that are not E.164 and writes nothing", async () => {
  const { organization } = await createOrganization(prisma);
  await expect(
    messaging.sendText({ organizationId: organization.id, channel: "SMS", from: "+15005550006", to: "098765 43210", body: "Hi" }),
  ).rejects.toThrow(/E\.164/);
  expect(await prisma.sandboxOutbox.count({ where: { organizationId: organization.id } })).toBe(0);
});

test("verifies webhooks signed the way Twilio signs them, with the sandbox token", () => {
  const url = "http://localhost:3000/webhooks/twilio/ch_1/inbound";
  const params = { From: "whatsapp:+919876543210", Body: "Haan interested hoon", MessageSid: `SM${"e".repeat(32)}` };
  const signature = signSandboxTwilioWebhook(url, params);

  expect(messaging.verifyWebhookSignature({ url, params, signature })).toBe(true);
  expect(messaging.verifyWebhookSignature({ url, params: { ...params, Body: "Nahi chahiye" }, signature })).toBe(false);
  expect(messaging.verifyWebhookSignature({ url, params, signature: "bm90LXRoZS1zaWduYXR1cmU=" })).toBe(false);
  expect(messaging.verifyWebhookSignature({ url, params, signature: undefined })).toBe(false);
});
