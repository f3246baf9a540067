import Razorpay from "razorpay";
import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import { ProviderError } from "~/providers/provider-error";
import { basicAuth, startFakeApiServer, type FakeApiServer, type FakeResponse } from "~/providers/testing/fake-api-server";
import { signRazorpayWebhook } from "./razorpay-signature.server";
import { createRazorpayPaymentsProvider } from "./razorpay.server";

const KEY_ID = "rzp_test_1DP5mmOlF5G5ag";
const KEY_SECRET = "razorpay-test-secret";
const ORG = "2b0c6d5e-1f1a-4c1e-9a53-0d6f3c8e9b10";

let api: FakeApiServer;
let next: FakeResponse;

/** A payment link as Razorpay returns it. */
function razorpayLink(fields: Record<string, unknown> = {}) {
  return {
    id: "plink_Ol9eZzvPzJ3Ch6",
    short_url: "https://rzp.io/i/nxrHnLJ",
    status: "created",
    amount: 499900,
    amount_paid: 0,
    currency: "INR",
    reference_id: "pay_ref_1",
    notes: { organization_id: ORG },
    created_at: 1767607200,
    ...fields,
  };
}

beforeAll(async () => {
  api = await startFakeApiServer(() => next);
});
afterAll(() => api.close());
beforeEach(() => {
  api.requests.length = 0;
});

const razorpay = () => createRazorpayPaymentsProvider({ keyId: KEY_ID, keySecret: KEY_SECRET, apiBaseUrl: api.url });

test("creates a payment link with the amount in paise and our reference", async () => {
  next = { body: razorpayLink() };

  const link = await razorpay().createPaymentLink({
    organizationId: ORG,
    amountPaise: 499900,
    currency: "INR",
    description: "BankNifty Pro indicator — lifetime",
    customer: { name: "Priya Sharma", phone: "+919876543210", email: "priya@example.com" },
    referenceId: "pay_ref_1",
    callbackUrl: "https://crm.example.com/pay/thanks",
    expireBy: new Date("2026-01-12T00:00:00Z"),
  });

  expect(link).toEqual({
    provider: "razorpay",
    externalId: "plink_Ol9eZzvPzJ3Ch6",
    shortUrl: "https://rzp.io/i/nxrHnLJ",
    status: "created",
    amountPaise: 499900,
    amountPaidPaise: 0,
    referenceId: "pay_ref_1",
  });
  const [request] = api.requests;
  expect(request).toMatchObject({ method: "POST", path: "/v1/payment_links" });
  expect(basicAuth(request!.headers.authorization)).toEqual({ user: KEY_ID, password: KEY_SECRET });
  // Sent as the SDK itself sends it.
  expect(request!.headers["user-agent"]).toBe(`razorpay-node@${Razorpay.VERSION}`);
  expect(request!.json).toEqual({
    amount: 499900,
    currency: "INR",
    description: "BankNifty Pro indicator — lifetime",
    customer: { name: "Priya Sharma", contact: "+919876543210", email: "priya@example.com" },
    reference_id: "pay_ref_1",
    notify: { sms: false, email: false },
    reminder_enable: false,
    notes: { organization_id: ORG },
    callback_url: "https://crm.example.com/pay/thanks",
    callback_method: "get",
    expire_by: 1768176000,
  });
});

test("refuses fractional paise before calling Razorpay", async () => {
  await expect(
    razorpay().createPaymentLink({
      organizationId: ORG,
      amountPaise: 4999.5,
      currency: "INR",
      description: "Indicator",
      customer: { name: "Priya", phone: "+919876543210" },
      referenceId: "pay_ref_2",
    }),
  ).rejects.toThrow(/whole number of paise/);
  expect(api.requests).toHaveLength(0);
});

test("fetches a link of the organization and hides another organization's", async () => {
  next = { body: razorpayLink({ status: "paid", amount_paid: 499900 }) };
  const link = await razorpay().fetchPaymentLink({ organizationId: ORG, externalId: "plink_Ol9eZzvPzJ3Ch6" });
  expect(link).toMatchObject({ status: "paid", amountPaidPaise: 499900 });
  expect(api.requests[0]).toMatchObject({ method: "GET", path: "/v1/payment_links/plink_Ol9eZzvPzJ3Ch6" });

  const otherOrg = "7d1e0c55-5b8a-4a71-8d0f-2f6b8f0a1c22";
  await expect(razorpay().fetchPaymentLink({ organizationId: otherOrg, externalId: "plink_Ol9eZzvPzJ3Ch6" })).rejects.toMatchObject({
    status: 404,
    code: "NOT_FOUND",
  });
});

test("Razorpay's error answer becomes a ProviderError", async () => {
  next = { status: 400, body: { error: { code: "BAD_REQUEST_ERROR", description: "The amount must be atleast INR 1.00" } } };
  const error = await razorpay()
    .fetchPaymentLink({ organizationId: ORG, externalId: "plink_missing" })
    .catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ProviderError);
  expect(error).toMatchObject({ provider: "razorpay", status: 400, code: "BAD_REQUEST_ERROR", retryable: false });
});

test("no answer at all is a retryable ProviderError", async () => {
  const offline = createRazorpayPaymentsProvider({ keyId: KEY_ID, keySecret: KEY_SECRET, apiBaseUrl: "http://127.0.0.1:1" });
  await expect(offline.fetchPaymentLink({ organizationId: ORG, externalId: "plink_x" })).rejects.toMatchObject({
    provider: "razorpay",
    retryable: true,
  });
});

test("verifies the webhook signature over the raw body", () => {
  const secret = "whsec_account_1";
  const rawBody = JSON.stringify({ event: "payment_link.paid", payload: { payment_link: { entity: { id: "plink_1" } } } });
  const signature = signRazorpayWebhook(rawBody, secret);
  const provider = razorpay();

  expect(signature).toMatch(/^[0-9a-f]{64}$/);
  expect(provider.verifyWebhookSignature(rawBody, signature, secret)).toBe(true);
  expect(provider.verifyWebhookSignature(rawBody.replace("paid", "cancelled"), signature, secret)).toBe(false);
  expect(provider.verifyWebhookSignature(rawBody, signature, "another-secret")).toBe(false);
  expect(provider.verifyWebhookSignature(rawBody, signature.slice(0, 63), secret)).toBe(false);
  expect(provider.verifyWebhookSignature(rawBody, "", secret)).toBe(false);
  expect(provider.verifyWebhookSignature(rawBody, null, secret)).toBe(false);
});
