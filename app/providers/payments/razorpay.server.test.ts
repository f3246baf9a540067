// The Razorpay adapter through the real SDK, against a local server that speaks Razorpay's API.
import Razorpay from "razorpay";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { ProviderError } from "~/providers/provider-error";
import { basicAuth, startFakeApiServer, type FakeApiServer } from "~/providers/testing/fake-api-server";
import { startFakeRazorpay, type FakeRazorpay } from "~/providers/testing/fake-razorpay-server";
import type { CreatePaymentLinkInput, PaymentsProvider } from "./payments.types";
import { paiseToRazorpayAmount } from "./razorpay-entities.server";
import { signCheckout, signPaymentLinkCallback, signRazorpayWebhook } from "./razorpay-signature.server";
import { createRazorpayPaymentsProvider, type RazorpayConfig } from "./razorpay.server";

const ORG = "2b0c6d5e-1f1a-4c1e-9a53-0d6f3c8e9b10";
const OTHER_ORG = "7d1e0c55-5b8a-4a71-8d0f-2f6b8f0a1c22";

let api: FakeRazorpay;

beforeAll(async () => {
  api = await startFakeRazorpay({ keyId: "rzp_test_1DP5mmOlF5G5ag", keySecret: "razorpay-test-secret" });
});
afterAll(() => api.close());
beforeEach(() => api.reset());

const razorpay = (config: Partial<RazorpayConfig> = {}): PaymentsProvider =>
  createRazorpayPaymentsProvider({ keyId: api.keyId, keySecret: api.keySecret, apiBaseUrl: api.url, ...config });

const inAWeek = () => new Date(Math.floor(Date.now() / 1000 + 7 * 86_400) * 1000);

function linkInput(fields: Partial<CreatePaymentLinkInput> = {}): CreatePaymentLinkInput {
  return {
    organizationId: ORG,
    amountPaise: 499_900n,
    description: "BankNifty Pro indicator — lifetime",
    customer: { name: "Priya Sharma", phone: "+919876543210", email: "priya@example.com" },
    referenceId: "pay_ref_1",
    ...fields,
  };
}

/** What a failing call rejected with. */
async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe("payment links", () => {
  test("are created with integer paise, our reference, no Razorpay notifications and expiry in Unix seconds", async () => {
    const expireBy = inAWeek();
    const link = await razorpay().createPaymentLink(linkInput({ callbackUrl: "https://crm.example.com/pay/thanks", expireBy }));

    expect(link).toEqual({
      provider: "razorpay",
      externalId: expect.stringMatching(/^plink_[0-9A-Za-z]{14}$/),
      shortUrl: expect.stringMatching(/^https:\/\/rzp\.io\/i\//),
      status: "created",
      amountPaise: 499_900n,
      amountPaidPaise: 0n,
      currency: "INR",
      referenceId: "pay_ref_1",
      paymentIds: [],
    });
    const [request] = api.requests;
    expect(request).toMatchObject({ method: "POST", path: "/v1/payment_links" });
    expect(basicAuth(request!.headers.authorization)).toEqual({ user: api.keyId, password: api.keySecret });
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
      expire_by: expireBy.getTime() / 1000,
    });
    expect(Number.isInteger((request!.json as { amount: unknown }).amount)).toBe(true);
    expect(api.paymentLinks.get(link.externalId)).toMatchObject({ notify: { sms: false, email: false }, reminder_enable: false });
  });

  test("without a callback or an expiry send neither", async () => {
    await razorpay().createPaymentLink(linkInput());
    const body = api.requests[0]!.json as Record<string, unknown>;
    expect(Object.keys(body)).not.toContain("callback_url");
    expect(Object.keys(body)).not.toContain("callback_method");
    expect(Object.keys(body)).not.toContain("expire_by");
  });

  test("refuse amounts that are not whole paise in range before calling Razorpay", async () => {
    const provider = razorpay();
    await expect(provider.createPaymentLink(linkInput({ amountPaise: 4999.5 as unknown as bigint }))).rejects.toThrow(/whole number of paise/);
    await expect(provider.createPaymentLink(linkInput({ amountPaise: 499_900 as unknown as bigint }))).rejects.toThrow(/whole number of paise/);
    await expect(provider.createPaymentLink(linkInput({ amountPaise: 99n }))).rejects.toThrow(/at least ₹1/);
    await expect(provider.createPaymentLink(linkInput({ amountPaise: 5_000_000_001n }))).rejects.toThrow(/at most/);
    await expect(provider.createPaymentLink(linkInput({ callbackUrl: "javascript:alert(1)" }))).rejects.toThrow(/http\(s\) URL/);
    expect(api.requests).toHaveLength(0);
  });

  test("are read back with what was paid and the payments made", async () => {
    const provider = razorpay();
    const { externalId } = await provider.createPaymentLink(linkInput());
    const payment = api.payPaymentLink(externalId, { method: "upi" });

    const link = await provider.fetchPaymentLink({ organizationId: ORG, externalId });
    expect(link).toMatchObject({ status: "paid", amountPaise: 499_900n, amountPaidPaise: 499_900n, paymentIds: [payment.id] });
    expect(api.requests.at(-1)).toMatchObject({ method: "GET", path: `/v1/payment_links/${externalId}` });
  });

  test("past their expiry read as expired", async () => {
    let now = new Date();
    const clocked = await startFakeRazorpay({ now: () => now });
    try {
      const provider = createRazorpayPaymentsProvider({ keyId: clocked.keyId, keySecret: clocked.keySecret, apiBaseUrl: clocked.url });
      const { externalId } = await provider.createPaymentLink(linkInput({ expireBy: new Date(now.getTime() + 20 * 60_000) }));
      now = new Date(now.getTime() + 21 * 60_000);
      expect(await provider.fetchPaymentLink({ organizationId: ORG, externalId })).toMatchObject({ status: "expired" });
    } finally {
      await clocked.close();
    }
  });

  test("of another organization, or unknown to Razorpay, are not found", async () => {
    const { externalId } = await razorpay().createPaymentLink(linkInput());

    const foreign = await failure(razorpay().fetchPaymentLink({ organizationId: OTHER_ORG, externalId }));
    expect(foreign).toMatchObject({ provider: "razorpay", status: 404, code: "NOT_FOUND", retryable: false });
    expect(foreign.message).not.toContain("BankNifty");

    const unknown = await failure(razorpay().fetchPaymentLink({ organizationId: ORG, externalId: "plink_Missing0000001" }));
    expect(unknown).toMatchObject({ status: 404, code: "NOT_FOUND", retryable: false });
  });

  test("are found by their reference id, within the organization only", async () => {
    const provider = razorpay();
    const created = await provider.createPaymentLink(linkInput({ referenceId: "pay_ref_42" }));
    await provider.createPaymentLink(linkInput({ referenceId: "pay_ref_43" }));

    expect(await provider.findPaymentLinkByReference({ organizationId: ORG, referenceId: "pay_ref_42" })).toEqual(created);
    const query = new URL(api.requests.at(-1)!.path, "http://x").searchParams;
    expect(query.get("reference_id")).toBe("pay_ref_42");
    expect(await provider.findPaymentLinkByReference({ organizationId: OTHER_ORG, referenceId: "pay_ref_42" })).toBeNull();
    expect(await provider.findPaymentLinkByReference({ organizationId: ORG, referenceId: "pay_ref_44" })).toBeNull();
  });

  test("are cancelled while unpaid, and cancelling twice changes nothing", async () => {
    const provider = razorpay();
    const { externalId } = await provider.createPaymentLink(linkInput());

    expect(await provider.cancelPaymentLink({ organizationId: ORG, externalId })).toMatchObject({ externalId, status: "cancelled" });
    expect(api.requests.at(-1)).toMatchObject({ method: "POST", path: `/v1/payment_links/${externalId}/cancel` });

    const before = api.requests.length;
    expect(await provider.cancelPaymentLink({ organizationId: ORG, externalId })).toMatchObject({ status: "cancelled" });
    expect(api.requests.slice(before).map((request) => request.method)).toEqual(["GET"]);
  });

  test("that are paid cannot be cancelled, and another organization's are not touched", async () => {
    const provider = razorpay();
    const { externalId } = await provider.createPaymentLink(linkInput());

    const before = api.requests.length;
    expect(await failure(provider.cancelPaymentLink({ organizationId: OTHER_ORG, externalId }))).toMatchObject({ status: 404, code: "NOT_FOUND" });
    expect(api.requests.slice(before).map((request) => request.method)).toEqual(["GET"]);
    expect(api.paymentLinks.get(externalId)!.status).toBe("created");

    api.payPaymentLink(externalId);
    const paid = await failure(provider.cancelPaymentLink({ organizationId: ORG, externalId }));
    expect(paid).toMatchObject({ status: 400, code: "BAD_REQUEST_ERROR", retryable: false });
    expect(paid.message).toContain("cannot be cancelled");
  });
});

describe("orders", () => {
  test("are created with integer paise in INR, our receipt and the organization in the notes", async () => {
    const order = await razorpay().createOrder({ organizationId: ORG, amountPaise: 249_900n, receipt: "pay_7f3a9c" });

    expect(order).toEqual({
      provider: "razorpay",
      externalId: expect.stringMatching(/^order_[0-9A-Za-z]{14}$/),
      status: "created",
      amountPaise: 249_900n,
      amountPaidPaise: 0n,
      currency: "INR",
      receipt: "pay_7f3a9c",
      attempts: 0,
    });
    expect(api.requests[0]).toMatchObject({ method: "POST", path: "/v1/orders" });
    expect(api.requests[0]!.json).toEqual({ amount: 249900, currency: "INR", receipt: "pay_7f3a9c", notes: { organization_id: ORG } });
  });

  test("are read back, and another organization's are not found", async () => {
    const provider = razorpay();
    const { externalId } = await provider.createOrder({ organizationId: ORG, amountPaise: 249_900n, receipt: "pay_7f3a9c" });
    api.payOrder(externalId, { outcome: "failed" });
    api.payOrder(externalId, { outcome: "captured" });

    expect(await provider.fetchOrder({ organizationId: ORG, externalId })).toMatchObject({ status: "paid", amountPaidPaise: 249_900n, attempts: 2 });
    expect(api.requests.at(-1)).toMatchObject({ method: "GET", path: `/v1/orders/${externalId}` });
    expect(await failure(provider.fetchOrder({ organizationId: OTHER_ORG, externalId }))).toMatchObject({ status: 404, code: "NOT_FOUND" });
  });

  test("refuse a receipt longer than Razorpay takes before calling it", async () => {
    await expect(razorpay().createOrder({ organizationId: ORG, amountPaise: 10_000n, receipt: "r".repeat(41) })).rejects.toThrow(/at most 40/);
    expect(api.requests).toHaveLength(0);
  });
});

describe("payments", () => {
  test("are read with status, amount, currency, order and method", async () => {
    const provider = razorpay();
    const { externalId: orderId } = await provider.createOrder({ organizationId: ORG, amountPaise: 249_900n, receipt: "pay_7f3a9c" });
    const paid = api.payOrder(orderId, { method: "card", notes: { organization_id: ORG } });

    expect(await provider.fetchPayment({ organizationId: ORG, externalId: paid.id })).toEqual({
      provider: "razorpay",
      externalId: paid.id,
      status: "captured",
      amountPaise: 249_900n,
      amountRefundedPaise: 0n,
      currency: "INR",
      orderId,
      method: "card",
      errorDescription: null,
      createdAt: new Date(paid.created_at * 1000),
    });
    expect(api.requests.at(-1)).toMatchObject({ method: "GET", path: `/v1/payments/${paid.id}` });
  });

  test("that failed say why", async () => {
    const provider = razorpay();
    const { externalId: orderId } = await provider.createOrder({ organizationId: ORG, amountPaise: 10_000n, receipt: "pay_1" });
    const failed = api.payOrder(orderId, { outcome: "failed" });
    expect(await provider.fetchPayment({ organizationId: ORG, externalId: failed.id })).toMatchObject({
      status: "failed",
      errorDescription: expect.stringContaining("cancelled"),
    });
  });

  test("made through a link carry the link's order", async () => {
    const provider = razorpay();
    const { externalId } = await provider.createPaymentLink(linkInput());
    const paid = api.payPaymentLink(externalId);
    expect(await provider.fetchPayment({ organizationId: ORG, externalId: paid.id })).toMatchObject({
      status: "captured",
      orderId: api.paymentLinks.get(externalId)!.order_id,
    });
  });

  test("naming another organization, or unknown, are not found", async () => {
    const provider = razorpay();
    const { externalId: orderId } = await provider.createOrder({ organizationId: OTHER_ORG, amountPaise: 10_000n, receipt: "pay_2" });
    const theirs = api.payOrder(orderId, { notes: { organization_id: OTHER_ORG } });
    expect(await failure(provider.fetchPayment({ organizationId: ORG, externalId: theirs.id }))).toMatchObject({ status: 404, code: "NOT_FOUND" });
    expect(await failure(provider.fetchPayment({ organizationId: ORG, externalId: "pay_Missing0000001" }))).toMatchObject({
      status: 404,
      code: "NOT_FOUND",
    });
  });
});

describe("Razorpay's errors become ProviderErrors", () => {
  test("a refused key secret is permanent and says to check the keys", async () => {
    const error = await failure(razorpay({ keySecret: "wrong-secret" }).createOrder({ organizationId: ORG, amountPaise: 10_000n, receipt: "r1" }));
    expect(error).toMatchObject({ provider: "razorpay", status: 401, code: "BAD_REQUEST_ERROR", retryable: false });
    expect(error.message).toMatch(/refused the API key id and secret \(Authentication failed\).*Razorpay keys/);
  });

  test("an unknown key id is permanent too", async () => {
    const error = await failure(razorpay({ keyId: "rzp_test_SomeoneElse00" }).fetchPayment({ organizationId: ORG, externalId: "pay_1" }));
    expect(error).toMatchObject({ status: 401, retryable: false });
    expect(error.message).toContain("The api key provided is invalid");
  });

  test("a BAD_REQUEST_ERROR is permanent, in Razorpay's words, with the field", async () => {
    const soon = new Date(Date.now() + 5 * 60_000);
    const error = await failure(razorpay().createPaymentLink(linkInput({ expireBy: soon })));
    expect(error).toMatchObject({ status: 400, code: "BAD_REQUEST_ERROR", retryable: false });
    expect(error.message).toBe("razorpay: payment link for pay_ref_1: expire_by should be at least 15 minutes after current time. (field: expire_by)");
  });

  test("a reference id used before is a permanent BAD_REQUEST_ERROR", async () => {
    await razorpay().createPaymentLink(linkInput());
    const error = await failure(razorpay().createPaymentLink(linkInput()));
    expect(error).toMatchObject({ status: 400, code: "BAD_REQUEST_ERROR", retryable: false });
    expect(error.message).toContain("(field: reference_id)");
  });

  test("throttling and server errors are retryable", async () => {
    for (const status of [429, 500, 502, 503, 504]) {
      api.failNext({ status });
      const error = await failure(razorpay().fetchPayment({ organizationId: ORG, externalId: "pay_1" }));
      expect(error).toMatchObject({ provider: "razorpay", status, retryable: true });
    }
  });

  test("a gateway's page instead of Razorpay's JSON is retryable", async () => {
    api.failNext({ status: 502, body: "<html><body>502 Bad Gateway</body></html>" });
    expect(await failure(razorpay().fetchOrder({ organizationId: ORG, externalId: "order_1" }))).toMatchObject({ status: 502, retryable: true });
  });

  test("no connection at all is retryable", async () => {
    const offline = createRazorpayPaymentsProvider({ keyId: api.keyId, keySecret: api.keySecret, apiBaseUrl: "http://127.0.0.1:1" });
    const error = await failure(offline.fetchPaymentLink({ organizationId: ORG, externalId: "plink_x" }));
    expect(error).toMatchObject({ provider: "razorpay", status: undefined, retryable: true });
    expect(error.message).toContain("no response");
  });

  test("no answer in time is retryable", async () => {
    api.failNext("stall");
    const started = Date.now();
    const error = await failure(razorpay({ timeoutMs: 300 }).fetchPayment({ organizationId: ORG, externalId: "pay_1" }));
    expect(error).toMatchObject({ status: undefined, retryable: true });
    expect(error.message).toContain("no answer within 0.3 s");
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test("a missing route is a permanent error, not a missing entity", async () => {
    const wrongPath = createRazorpayPaymentsProvider({ keyId: api.keyId, keySecret: api.keySecret, apiBaseUrl: `${api.url}/nowhere` });
    const error = await failure(wrongPath.fetchOrder({ organizationId: ORG, externalId: "order_1" }));
    expect(error).toMatchObject({ status: 404, retryable: false });
    expect(error.code).not.toBe("NOT_FOUND");
    expect(error.message).toContain("The requested URL was not found");
  });

  test("an answer that is not the entity asked for is permanent", async () => {
    const odd: FakeApiServer = await startFakeApiServer(() => ({ body: { id: "order_1", status: "shipped", amount: 1.5 } }));
    try {
      const provider = createRazorpayPaymentsProvider({ keyId: "k", keySecret: "s", apiBaseUrl: odd.url });
      const error = await failure(provider.fetchOrder({ organizationId: ORG, externalId: "order_1" }));
      expect(error).toMatchObject({ retryable: false });
      expect(error.message).toContain("unexpected answer");
    } finally {
      await odd.close();
    }
  });
});

test("each provider uses its own account's keys and host, not the environment", async () => {
  const names = ["RAZORPAY_KEY_ID", "RAZORPAY_KEY_SECRET", "RAZORPAY_API_BASE_URL"] as const;
  const saved = names.map((name) => process.env[name]);
  Object.assign(process.env, {
    RAZORPAY_KEY_ID: "rzp_test_FromTheEnvironment",
    RAZORPAY_KEY_SECRET: "env-secret",
    RAZORPAY_API_BASE_URL: "http://127.0.0.1:1",
  });
  try {
    const ours = razorpay();
    const theirs = razorpay({ keyId: "rzp_test_AnotherAccount", keySecret: "another-secret" });
    await expect(ours.createOrder({ organizationId: ORG, amountPaise: 10_000n, receipt: "r1" })).resolves.toMatchObject({ status: "created" });
    await expect(theirs.createOrder({ organizationId: ORG, amountPaise: 10_000n, receipt: "r2" })).rejects.toMatchObject({ status: 401 });
    expect(api.requests.map((request) => basicAuth(request.headers.authorization)?.user)).toEqual([api.keyId, "rzp_test_AnotherAccount"]);
  } finally {
    names.forEach((name, n) => {
      if (saved[n] === undefined) delete process.env[name];
      else process.env[name] = saved[n];
    });
  }
});

describe("signatures", () => {
  test("webhooks are checked against the account's secrets, naming the one that matched", () => {
    const rawBody = Buffer.from('{"event":"payment.captured","payload":{}}');
    const provider = razorpay({ webhookSecrets: ["whsec_new", "whsec_old"] });
    expect(provider.verifyWebhookSignature(rawBody, signRazorpayWebhook(rawBody, "whsec_new"))).toBe(0);
    expect(provider.verifyWebhookSignature(rawBody, signRazorpayWebhook(rawBody, "whsec_old"))).toBe(1);
    expect(provider.verifyWebhookSignature(rawBody, signRazorpayWebhook(rawBody, "whsec_other"))).toBeNull();
    expect(razorpay().verifyWebhookSignature(rawBody, signRazorpayWebhook(rawBody, "whsec_new"))).toBeNull();
  });

  test("webhooks from the fake carry the entities' state and a valid signature", async () => {
    const provider = razorpay({ webhookSecrets: ["whsec_new"] });
    const { externalId } = await provider.createPaymentLink(linkInput());
    const payment = api.payPaymentLink(externalId);
    const webhook = api.webhook("payment_link.paid", { paymentLinkId: externalId, paymentId: payment.id }, "whsec_new");
    expect(provider.verifyWebhookSignature(webhook.rawBody, webhook.headers["x-razorpay-signature"])).toBe(0);
    expect(JSON.parse(webhook.rawBody)).toMatchObject({
      entity: "event",
      event: "payment_link.paid",
      contains: ["payment_link", "payment"],
      payload: { payment_link: { entity: { id: externalId, status: "paid" } }, payment: { entity: { id: payment.id, status: "captured" } } },
    });
  });

  test("Checkout and link callbacks are checked with the key secret", () => {
    const provider = razorpay();
    const checkout = { orderId: "order_1", paymentId: "pay_1" };
    expect(provider.verifyCheckoutSignature({ ...checkout, signature: signCheckout({ ...checkout, keySecret: api.keySecret }) })).toBe(true);
    expect(provider.verifyCheckoutSignature({ ...checkout, signature: signCheckout({ ...checkout, keySecret: "other" }) })).toBe(false);
    const callback = { paymentLinkId: "plink_1", referenceId: "pay_ref_1", status: "paid", paymentId: "pay_1" };
    expect(
      provider.verifyPaymentLinkCallbackSignature({ ...callback, signature: signPaymentLinkCallback({ ...callback, keySecret: api.keySecret }) }),
    ).toBe(true);
    expect(provider.verifyPaymentLinkCallbackSignature({ ...callback, signature: null })).toBe(false);
  });
});

test("amounts become SDK numbers only when a JSON number carries them exactly", () => {
  expect(paiseToRazorpayAmount(499_900n)).toBe(499900);
  expect(paiseToRazorpayAmount(BigInt(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
  expect(() => paiseToRazorpayAmount(BigInt(Number.MAX_SAFE_INTEGER) + 1n)).toThrow(RangeError);
  expect(() => paiseToRazorpayAmount(-1n)).toThrow(RangeError);
});
