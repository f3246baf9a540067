import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import { ProviderError } from "~/providers/provider-error";
import { basicAuth, startFakeApiServer, type FakeApiServer, type FakeResponse } from "~/providers/testing/fake-api-server";
import { signTwilioRequest } from "./twilio-signature.server";
import { createTwilioMessagingProvider } from "./twilio.server";

const ACCOUNT_SID = `AC${"1".repeat(32)}`;
const AUTH_TOKEN = "twilio-test-auth-token";
const ORG = "2b0c6d5e-1f1a-4c1e-9a53-0d6f3c8e9b10";
const CONTENT_SID = `HX${"a".repeat(32)}`;

let api: FakeApiServer;
let next: FakeResponse;

/** What Twilio answers to POST …/Messages.json. */
function twilioMessage(fields: Record<string, unknown>): FakeResponse {
  return {
    status: 201,
    body: {
      account_sid: ACCOUNT_SID,
      sid: `SM${"f".repeat(32)}`,
      status: "queued",
      num_segments: "1",
      date_created: "Mon, 05 Jan 2026 10:00:00 +0000",
      error_code: null,
      error_message: null,
      ...fields,
    },
  };
}

beforeAll(async () => {
  api = await startFakeApiServer(() => next);
});
afterAll(() => api.close());
beforeEach(() => {
  api.requests.length = 0;
});

const twilio = () => createTwilioMessagingProvider({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiBaseUrl: api.url });

test("sends a WhatsApp text through the Messages API with whatsapp: addresses", async () => {
  next = twilioMessage({ sid: `SM${"b".repeat(32)}`, status: "accepted" });

  const result = await twilio().sendText({
    organizationId: ORG,
    channel: "WHATSAPP",
    from: "+14155238886",
    to: "+919876543210",
    body: "Namaste Priya! BankNifty indicator ka demo yeh raha.",
    statusCallbackUrl: "https://crm.example.com/webhooks/twilio/ch_1/status",
  });

  expect(result).toEqual({ provider: "twilio", externalId: `SM${"b".repeat(32)}`, status: "accepted" });
  expect(api.requests).toHaveLength(1);
  const [request] = api.requests;
  expect(request!.method).toBe("POST");
  expect(request!.path).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
  expect(basicAuth(request!.headers.authorization)).toEqual({ user: ACCOUNT_SID, password: AUTH_TOKEN });
  expect(Object.fromEntries(request!.form)).toEqual({
    From: "whatsapp:+14155238886",
    To: "whatsapp:+919876543210",
    Body: "Namaste Priya! BankNifty indicator ka demo yeh raha.",
    StatusCallback: "https://crm.example.com/webhooks/twilio/ch_1/status",
  });
});

test("sends an SMS template by content SID, from a messaging service", async () => {
  next = twilioMessage({});
  const service = `MG${"c".repeat(32)}`;

  const result = await twilio().sendTemplate({
    organizationId: ORG,
    channel: "SMS",
    from: service,
    to: "+919876543210",
    contentSid: CONTENT_SID,
    templateName: "payment_reminder",
    variables: { "1": "Priya", "2": "₹4,999" },
    renderedBody: "Hi Priya, your payment of ₹4,999 is pending.",
  });

  expect(result).toEqual({ provider: "twilio", externalId: `SM${"f".repeat(32)}`, status: "queued" });
  expect(Object.fromEntries(api.requests[0]!.form)).toEqual({
    MessagingServiceSid: service,
    To: "+919876543210",
    ContentSid: CONTENT_SID,
    ContentVariables: JSON.stringify({ "1": "Priya", "2": "₹4,999" }),
  });
});

test("Twilio's error answer becomes a ProviderError with its code", async () => {
  next = {
    status: 400,
    body: { code: 21211, message: "The 'To' number +919876543210 is not a valid phone number.", more_info: "https://www.twilio.com/docs/errors/21211", status: 400 },
  };
  const error = await twilio()
    .sendText({ organizationId: ORG, channel: "SMS", from: "+15005550006", to: "+919876543210", body: "Hi" })
    .catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ProviderError);
  expect(error).toMatchObject({ provider: "twilio", status: 400, code: "21211", retryable: false });
});

test("bad input is refused before any request", async () => {
  await expect(
    twilio().sendText({ organizationId: ORG, channel: "SMS", from: "+15005550006", to: "98765 43210", body: "Hi" }),
  ).rejects.toThrow(/E\.164/);
  expect(api.requests).toHaveLength(0);
});

test("accepts Twilio's webhook signature and rejects a wrong one or a tampered body", () => {
  const url = "https://crm.example.com/webhooks/twilio/ch_1/inbound";
  const params = { From: "whatsapp:+919876543210", Body: "Price kitna hai?", MessageSid: `SM${"d".repeat(32)}` };
  const signature = signTwilioRequest(AUTH_TOKEN, url, params);
  const provider = twilio();

  expect(provider.verifyWebhookSignature({ url, params, signature })).toBe(true);
  expect(provider.verifyWebhookSignature({ url, params: { ...params, Body: "Refund do" }, signature })).toBe(false);
  expect(provider.verifyWebhookSignature({ url: `${url}?x=1`, params, signature })).toBe(false);
  expect(provider.verifyWebhookSignature({ url, params, signature: signTwilioRequest("other-token", url, params) })).toBe(false);
  expect(provider.verifyWebhookSignature({ url, params, signature: null })).toBe(false);
});
