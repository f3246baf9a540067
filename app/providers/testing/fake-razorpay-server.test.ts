// The fake Razorpay answers as Razorpay does, so tests and benchmarks built on it exercise the real shapes.
import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import { startFakeRazorpay, type FakeRazorpay } from "./fake-razorpay-server";

let api: FakeRazorpay;

beforeAll(async () => {
  api = await startFakeRazorpay();
});
afterAll(() => api.close());
beforeEach(() => api.reset());

async function call(method: string, path: string, body?: unknown, auth: string | null = `${api.keyId}:${api.keySecret}`) {
  const response = await fetch(`${api.url}${path}`, {
    method,
    headers: {
      "content-type": "application/json",
      ...(auth === null ? {} : { authorization: `Basic ${Buffer.from(auth).toString("base64")}` }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // Razorpay's JSON, read loosely: the assertions say what it must hold.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const link = { amount: 10000, currency: "INR", description: "Course", customer: { name: "Asha", contact: "+919800000001" } };

test("checks Basic auth with the key id and secret", async () => {
  const error = (description: string) => ({
    status: 401,
    body: { error: { code: "BAD_REQUEST_ERROR", description, source: "NA", step: "NA", reason: "NA", metadata: {} } },
  });
  expect(await call("GET", "/v1/orders/order_1", undefined, null)).toEqual(error("Please provide your api key for authentication purposes."));
  expect(await call("GET", "/v1/orders/order_1", undefined, `rzp_test_other:${api.keySecret}`)).toEqual(error("The api key provided is invalid"));
  expect(await call("GET", "/v1/orders/order_1", undefined, `${api.keyId}:wrong`)).toEqual(error("Authentication failed"));
});

test("answers a bad field with a 400 BAD_REQUEST_ERROR naming it", async () => {
  const cases: Array<[Record<string, unknown>, string, string]> = [
    [{ ...link, amount: 99 }, "amount", "The amount must be atleast INR 1.00"],
    [{ ...link, amount: 100.5 }, "amount", "The amount must be an integer."],
    [{ ...link, amount: "10000" }, "amount", "The amount must be an integer."],
    [{ ...link, amount: undefined }, "amount", "The amount field is required."],
    [{ ...link, currency: "USD" }, "currency", "The selected currency is invalid."],
    [{ ...link, reference_id: "r".repeat(41) }, "reference_id", "The reference id may not be greater than 40 characters."],
    [{ ...link, expire_by: Math.floor(Date.now() / 1000) + 60 }, "expire_by", "expire_by should be at least 15 minutes after current time."],
    [{ ...link, expire_by: Date.now() + 86_400_000 }, "expire_by", "expire_by must be a Unix timestamp in seconds"],
    [{ ...link, callback_url: "https://crm.example.com/thanks" }, "callback_method", "callback_method must be get when callback_url is given"],
    [{ ...link, notes: Object.fromEntries(Array.from({ length: 16 }, (_, n) => [`k${n}`, "v"])) }, "notes", "Number of fields in notes should be less than or equal to 15"],
  ];
  for (const [body, field, description] of cases) {
    const answer = await call("POST", "/v1/payment_links", body);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: "BAD_REQUEST_ERROR", description, field, reason: "input_validation_failed" });
  }
  expect(api.paymentLinks.size).toBe(0);
  const order = await call("POST", "/v1/orders", { amount: 10000, currency: "INR", receipt: "r".repeat(41) });
  expect(order.body.error).toMatchObject({ field: "receipt" });
});

test("answers unknown ids with Razorpay's 400 and unknown routes with a 404", async () => {
  for (const path of ["/v1/payment_links/plink_none", "/v1/orders/order_none", "/v1/payments/pay_none"]) {
    expect(await call("GET", path)).toMatchObject({ status: 400, body: { error: { code: "BAD_REQUEST_ERROR", description: "The id provided does not exist" } } });
  }
  expect(await call("POST", "/v1/payment_links/plink_none/cancel")).toMatchObject({ status: 400 });
  expect(await call("GET", "/v1/refunds/rfnd_1")).toMatchObject({
    status: 404,
    body: { error: { code: "BAD_REQUEST_ERROR", description: "The requested URL was not found on the server." } },
  });
});

test("keeps links, lists them by reference and records what it was sent", async () => {
  const created = await call("POST", "/v1/payment_links", { ...link, reference_id: "ref_1", notify: { sms: false, email: false } });
  expect(created.status).toBe(200);
  expect(created.body).toMatchObject({ id: expect.stringMatching(/^plink_/), status: "created", amount: 10000, amount_paid: 0, payments: null, expire_by: 0 });
  await call("POST", "/v1/payment_links", { ...link, reference_id: "ref_2" });

  const listed = await call("GET", "/v1/payment_links?reference_id=ref_1&count=10&skip=0");
  expect(listed.body.payment_links.map((found: { id: string }) => found.id)).toEqual([created.body.id]);
  expect(api.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
    "POST /v1/payment_links",
    "POST /v1/payment_links",
    "GET /v1/payment_links?reference_id=ref_1&count=10&skip=0",
  ]);
  expect(api.requests[0]!.json).toMatchObject({ reference_id: "ref_1", notify: { sms: false, email: false } });

  const duplicate = await call("POST", "/v1/payment_links", { ...link, reference_id: "ref_1" });
  expect(duplicate).toMatchObject({ status: 400, body: { error: { field: "reference_id" } } });
});

test("forces faults on the next requests only", async () => {
  api.failNext({ status: 503 }, 2);
  expect((await call("GET", "/v1/orders/order_1")).status).toBe(503);
  expect((await call("GET", "/v1/orders/order_1")).body.error).toMatchObject({ code: "SERVER_ERROR" });
  expect((await call("GET", "/v1/orders/order_1")).status).toBe(400);
});

test("can leave requests unrecorded, for benchmarks", async () => {
  const quiet = await startFakeRazorpay({ record: false });
  try {
    const auth = Buffer.from(`${quiet.keyId}:${quiet.keySecret}`).toString("base64");
    const response = await fetch(`${quiet.url}/v1/orders`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Basic ${auth}` },
      body: JSON.stringify({ amount: 10000, currency: "INR" }),
    });
    expect(response.status).toBe(200);
    expect(quiet.requests).toHaveLength(0);
    expect(quiet.orders.size).toBe(1);
  } finally {
    await quiet.close();
  }
});
