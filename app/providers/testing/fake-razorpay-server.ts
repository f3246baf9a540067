// A local stand-in for Razorpay's API (Payment Links, Orders, Payments), for tests and benchmarks: it checks
// Basic auth, validates requests as Razorpay does, keeps its entities in memory, answers in Razorpay's
// shapes (errors included) and records the requests it got. Error descriptions are Razorpay's where its
// documentation gives them. Tests move entities on (a customer paying) and can make the next answers fail.
import { randomBytes } from "node:crypto";
import { razorpayWebhookEvent } from "~/providers/payments/razorpay-entities.server";
import { signRazorpayWebhook } from "~/providers/payments/razorpay-signature.server";
import { basicAuth, startFakeApiServer, type FakeResponse, type RecordedRequest } from "./fake-api-server";

export type FakeRazorpayOptions = {
  keyId?: string;
  keySecret?: string;
  /** Keep every request in `requests` (the default); a benchmark turns it off. */
  record?: boolean;
  now?: () => Date;
};

type Notes = Record<string, string | number>;

export type FakeRazorpayPaymentLink = {
  id: string;
  entity: "payment_link";
  accept_partial: boolean;
  amount: number;
  amount_paid: number;
  callback_method: string;
  callback_url: string;
  cancelled_at: number;
  created_at: number;
  currency: string;
  customer: { name?: string; contact?: string; email?: string };
  description: string;
  expire_by: number;
  expired_at: number;
  first_min_partial_amount: number;
  notes: Notes | [];
  notify: { sms: boolean; email: boolean };
  payments: Array<{ amount: number; created_at: number; method: string; payment_id: string; plink_id: string; status: string; updated_at: number }> | null;
  reference_id: string;
  reminder_enable: boolean;
  reminders: [];
  short_url: string;
  status: "created" | "partially_paid" | "paid" | "expired" | "cancelled";
  updated_at: number;
  user_id: string;
  /** The order Razorpay makes behind a link, once paid. */
  order_id?: string;
};

export type FakeRazorpayOrder = {
  id: string;
  entity: "order";
  amount: number;
  amount_paid: number;
  amount_due: number;
  currency: string;
  receipt: string | null;
  offer_id: null;
  status: "created" | "attempted" | "paid";
  attempts: number;
  notes: Notes | [];
  created_at: number;
};

export type FakeRazorpayPayment = {
  id: string;
  entity: "payment";
  amount: number;
  currency: string;
  status: "created" | "authorized" | "captured" | "refunded" | "failed";
  order_id: string | null;
  invoice_id: null;
  international: boolean;
  method: string;
  amount_refunded: number;
  refund_status: null | "partial" | "full";
  captured: boolean;
  description: string | null;
  card_id: null;
  bank: string | null;
  wallet: string | null;
  vpa: string | null;
  email: string;
  contact: string;
  notes: Notes | [];
  fee: number;
  tax: number;
  error_code: string | null;
  error_description: string | null;
  error_source: string | null;
  error_step: string | null;
  error_reason: string | null;
  acquirer_data: Record<string, string>;
  created_at: number;
};

/** An answer to force instead of the real one: any status and body, or no answer at all. */
export type FakeRazorpayFault = { status: number; body?: unknown } | "stall";

export type FakeRazorpay = {
  url: string;
  keyId: string;
  keySecret: string;
  requests: RecordedRequest[];
  paymentLinks: Map<string, FakeRazorpayPaymentLink>;
  orders: Map<string, FakeRazorpayOrder>;
  payments: Map<string, FakeRazorpayPayment>;
  /** The next `times` requests get this instead of their answer (throttling, an outage, a hang). */
  failNext(fault: FakeRazorpayFault, times?: number): void;
  /** The customer pays a link in full: a captured payment, an order behind it, the link paid. */
  payPaymentLink(id: string, options?: { method?: string }): FakeRazorpayPayment;
  /** A payment on an order through Checkout, captured or failed. */
  payOrder(id: string, options?: { method?: string; outcome?: "captured" | "failed"; notes?: Notes }): FakeRazorpayPayment;
  /** A webhook event with the current state of the entities named, signed with `secret`. */
  webhook(
    event: string,
    ids: { paymentLinkId?: string; orderId?: string; paymentId?: string },
    secret: string,
  ): { rawBody: string; signature: string; headers: Record<string, string> };
  /** Forgets every entity, request and pending fault. */
  reset(): void;
  close(): Promise<void>;
};

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function razorpayId(prefix: string): string {
  let id = "";
  for (const byte of randomBytes(14)) id += BASE62[byte % 62];
  return `${prefix}_${id}`;
}

type ErrorFields = { field?: string; source?: string; step?: string; reason?: string };

function razorpayError(status: number, description: string, fields: ErrorFields = {}): FakeResponse {
  return {
    status,
    body: {
      error: {
        code: status >= 500 ? "SERVER_ERROR" : "BAD_REQUEST_ERROR",
        description,
        source: fields.source ?? "NA",
        step: fields.step ?? "NA",
        reason: fields.reason ?? "NA",
        metadata: {},
        ...(fields.field ? { field: fields.field } : {}),
      },
    },
  };
}

/** A 400 for one field of the request, as Razorpay's validation answers. */
function invalid(field: string, description: string): FakeResponse {
  return razorpayError(400, description, { field, source: "business", step: "payment_initiation", reason: "input_validation_failed" });
}

const ID_NOT_FOUND = () => razorpayError(400, "The id provided does not exist", { reason: "input_validation_failed" });
const URL_NOT_FOUND = () => razorpayError(404, "The requested URL was not found on the server.");

/** Thrown inside a handler to answer with a Razorpay error. */
class Refusal {
  constructor(readonly response: FakeResponse) {}
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function checkAmount(body: Record<string, unknown>): number {
  const amount = body.amount;
  if (amount === undefined || amount === null || amount === "") throw new Refusal(invalid("amount", "The amount field is required."));
  if (typeof amount !== "number" || !Number.isInteger(amount)) throw new Refusal(invalid("amount", "The amount must be an integer."));
  if (amount < 100) throw new Refusal(invalid("amount", "The amount must be atleast INR 1.00"));
  return amount;
}

function checkCurrency(body: Record<string, unknown>): string {
  const currency = body.currency ?? "INR";
  if (currency !== "INR") throw new Refusal(invalid("currency", "The selected currency is invalid."));
  return currency;
}

function checkNotes(body: Record<string, unknown>): Notes | [] {
  const notes = body.notes;
  if (notes === undefined || notes === null) return [];
  if (!isObject(notes)) throw new Refusal(invalid("notes", "The notes must be an array."));
  const entries = Object.entries(notes);
  if (entries.length > 15) throw new Refusal(invalid("notes", "Number of fields in notes should be less than or equal to 15"));
  for (const [key, value] of entries) {
    if (typeof value !== "string" && typeof value !== "number") throw new Refusal(invalid(`notes.${key}`, `notes.${key} must be a string or a number`));
    if (String(value).length > 256) throw new Refusal(invalid(`notes.${key}`, `notes.${key} may not be greater than 256 characters`));
  }
  return entries.length === 0 ? [] : (notes as Notes);
}

function checkText(body: Record<string, unknown>, field: string, max: number, label: string): string | null {
  const value = body[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") throw new Refusal(invalid(field, `The ${label} must be a string.`));
  if (value.length > max) throw new Refusal(invalid(field, `The ${label} may not be greater than ${max} characters.`));
  return value;
}

export async function startFakeRazorpay(options: FakeRazorpayOptions = {}): Promise<FakeRazorpay> {
  const keyId = options.keyId ?? "rzp_test_FakeKey0000001";
  const keySecret = options.keySecret ?? "fake-razorpay-key-secret";
  const now = () => Math.floor((options.now?.() ?? new Date()).getTime() / 1000);

  const paymentLinks = new Map<string, FakeRazorpayPaymentLink>();
  const orders = new Map<string, FakeRazorpayOrder>();
  const payments = new Map<string, FakeRazorpayPayment>();
  const faults: FakeRazorpayFault[] = [];

  /** Razorpay moves an unpaid link to expired once expire_by passes. */
  function current(link: FakeRazorpayPaymentLink): FakeRazorpayPaymentLink {
    if (link.status === "created" && link.expire_by > 0 && link.expire_by <= now()) {
      link.status = "expired";
      link.expired_at = link.expire_by;
      link.updated_at = now();
    }
    return link;
  }

  function authenticate(request: RecordedRequest): FakeResponse | null {
    const credentials = basicAuth(request.headers.authorization);
    if (!credentials || !credentials.user) {
      return razorpayError(401, "Please provide your api key for authentication purposes.");
    }
    if (credentials.user !== keyId) return razorpayError(401, "The api key provided is invalid");
    if (credentials.password !== keySecret) return razorpayError(401, "Authentication failed");
    return null;
  }

  function createPaymentLink(body: unknown): FakeResponse {
    if (!isObject(body)) throw new Refusal(razorpayError(400, "The request body must be JSON.", { reason: "input_validation_failed" }));
    const amount = checkAmount(body);
    const currency = checkCurrency(body);
    const description = checkText(body, "description", 2048, "description") ?? "";
    const referenceId = checkText(body, "reference_id", 40, "reference id") ?? "";
    if (referenceId && [...paymentLinks.values()].some((link) => link.reference_id === referenceId)) {
      throw new Refusal(invalid("reference_id", `Payment Link with reference id ${referenceId} already exists`));
    }
    const customer = isObject(body.customer) ? body.customer : {};
    const expireBy = body.expire_by;
    if (expireBy !== undefined && expireBy !== null) {
      if (typeof expireBy !== "number" || !Number.isInteger(expireBy)) throw new Refusal(invalid("expire_by", "The expire by must be an integer."));
      // A time in milliseconds lands tens of thousands of years ahead.
      if (expireBy > 2_147_483_647) throw new Refusal(invalid("expire_by", "expire_by must be a Unix timestamp in seconds"));
      if (expireBy < now() + 15 * 60) throw new Refusal(invalid("expire_by", "expire_by should be at least 15 minutes after current time."));
    }
    const callbackUrl = checkText(body, "callback_url", 2048, "callback url");
    if (callbackUrl && body.callback_method !== "get") {
      throw new Refusal(invalid("callback_method", "callback_method must be get when callback_url is given"));
    }
    const notify = isObject(body.notify) ? body.notify : {};
    const created = now();
    const link: FakeRazorpayPaymentLink = {
      id: razorpayId("plink"),
      entity: "payment_link",
      accept_partial: body.accept_partial === true,
      amount,
      amount_paid: 0,
      callback_method: callbackUrl ? "get" : "",
      callback_url: callbackUrl ?? "",
      cancelled_at: 0,
      created_at: created,
      currency,
      customer: {
        ...(typeof customer.name === "string" ? { name: customer.name } : {}),
        ...(typeof customer.contact === "string" ? { contact: customer.contact } : {}),
        ...(typeof customer.email === "string" ? { email: customer.email } : {}),
      },
      description,
      expire_by: typeof expireBy === "number" ? expireBy : 0,
      expired_at: 0,
      first_min_partial_amount: 0,
      notes: checkNotes(body),
      notify: { sms: notify.sms !== false, email: notify.email !== false },
      payments: null,
      reference_id: referenceId,
      reminder_enable: body.reminder_enable !== false,
      reminders: [],
      short_url: `https://rzp.io/i/${razorpayId("x").slice(2, 11)}`,
      status: "created",
      updated_at: created,
      user_id: "",
    };
    paymentLinks.set(link.id, link);
    return { body: link };
  }

  function createOrder(body: unknown): FakeResponse {
    if (!isObject(body)) throw new Refusal(razorpayError(400, "The request body must be JSON.", { reason: "input_validation_failed" }));
    const amount = checkAmount(body);
    const currency = checkCurrency(body);
    const receipt = checkText(body, "receipt", 40, "receipt");
    const order: FakeRazorpayOrder = {
      id: razorpayId("order"),
      entity: "order",
      amount,
      amount_paid: 0,
      amount_due: amount,
      currency,
      receipt,
      offer_id: null,
      status: "created",
      attempts: 0,
      notes: checkNotes(body),
      created_at: now(),
    };
    orders.set(order.id, order);
    return { body: order };
  }

  function cancelPaymentLink(id: string): FakeResponse {
    const link = paymentLinks.get(id);
    if (!link) return ID_NOT_FOUND();
    current(link);
    if (link.status !== "created") {
      throw new Refusal(razorpayError(400, `Payment Link cannot be cancelled as it is in ${link.status} state`, { reason: "input_validation_failed" }));
    }
    link.status = "cancelled";
    link.cancelled_at = now();
    link.updated_at = now();
    return { body: link };
  }

  function listPaymentLinks(query: URLSearchParams): FakeResponse {
    const referenceId = query.get("reference_id");
    const paymentId = query.get("payment_id");
    const count = Math.min(Number(query.get("count") ?? 10) || 10, 100);
    const skip = Number(query.get("skip") ?? 0) || 0;
    const matching = [...paymentLinks.values()]
      .filter((link) => (referenceId ? link.reference_id === referenceId : true))
      .filter((link) => (paymentId ? (link.payments ?? []).some((payment) => payment.payment_id === paymentId) : true))
      .sort((a, b) => b.created_at - a.created_at)
      .slice(skip, skip + count)
      .map(current);
    return { body: { payment_links: matching } };
  }

  function route(request: RecordedRequest): FakeResponse {
    const url = new URL(request.path, "http://razorpay.invalid");
    const path = url.pathname.replace(/\/$/, "");
    const method = request.method;
    let match: RegExpExecArray | null;

    if (path === "/v1/payment_links") {
      if (method === "POST") return createPaymentLink(request.json);
      if (method === "GET") return listPaymentLinks(url.searchParams);
    }
    if ((match = /^\/v1\/payment_links\/([^/]+)$/.exec(path)) && method === "GET") {
      const link = paymentLinks.get(match[1]!);
      return link ? { body: current(link) } : ID_NOT_FOUND();
    }
    if ((match = /^\/v1\/payment_links\/([^/]+)\/cancel$/.exec(path)) && method === "POST") return cancelPaymentLink(match[1]!);
    if (path === "/v1/orders" && method === "POST") return createOrder(request.json);
    if ((match = /^\/v1\/orders\/([^/]+)$/.exec(path)) && method === "GET") {
      const order = orders.get(match[1]!);
      return order ? { body: order } : ID_NOT_FOUND();
    }
    if ((match = /^\/v1\/payments\/([^/]+)$/.exec(path)) && method === "GET") {
      const payment = payments.get(match[1]!);
      return payment ? { body: payment } : ID_NOT_FOUND();
    }
    return URL_NOT_FOUND();
  }

  const server = await startFakeApiServer(
    (request) => {
      const fault = faults.shift();
      if (fault === "stall") return new Promise<FakeResponse>(() => {});
      if (fault) return { status: fault.status, body: fault.body ?? razorpayError(fault.status, `fake failure ${fault.status}`).body };
      const refused = authenticate(request);
      if (refused) return refused;
      try {
        return route(request);
      } catch (error) {
        if (error instanceof Refusal) return error.response;
        throw error;
      }
    },
    { record: options.record },
  );

  function newPayment(fields: Partial<FakeRazorpayPayment> & Pick<FakeRazorpayPayment, "amount" | "status" | "order_id" | "method">): FakeRazorpayPayment {
    const failed = fields.status === "failed";
    const payment: FakeRazorpayPayment = {
      id: razorpayId("pay"),
      entity: "payment",
      currency: "INR",
      invoice_id: null,
      international: false,
      amount_refunded: 0,
      refund_status: null,
      captured: fields.status === "captured",
      description: null,
      card_id: null,
      bank: null,
      wallet: null,
      vpa: fields.method === "upi" ? "customer@okaxis" : null,
      email: "void@razorpay.com",
      contact: "+919000090000",
      notes: [],
      fee: failed ? 0 : Math.round(fields.amount * 0.02),
      tax: failed ? 0 : Math.round(fields.amount * 0.0036),
      error_code: failed ? "BAD_REQUEST_ERROR" : null,
      error_description: failed ? "Payment failed because the customer cancelled it" : null,
      error_source: failed ? "customer" : null,
      error_step: failed ? "payment_authentication" : null,
      error_reason: failed ? "payment_cancelled" : null,
      acquirer_data: {},
      created_at: now(),
      ...fields,
    };
    payments.set(payment.id, payment);
    return payment;
  }

  return {
    url: server.url,
    keyId,
    keySecret,
    requests: server.requests,
    paymentLinks,
    orders,
    payments,
    failNext(fault, times = 1) {
      for (let n = 0; n < times; n++) faults.push(fault);
    },
    payPaymentLink(id, { method = "upi" } = {}) {
      const link = paymentLinks.get(id);
      if (!link) throw new Error(`no payment link ${id}`);
      if (current(link).status !== "created") throw new Error(`payment link ${id} is ${link.status}`);
      const order: FakeRazorpayOrder = {
        id: razorpayId("order"),
        entity: "order",
        amount: link.amount,
        amount_paid: link.amount,
        amount_due: 0,
        currency: link.currency,
        receipt: link.reference_id || null,
        offer_id: null,
        status: "paid",
        attempts: 1,
        notes: link.notes,
        created_at: now(),
      };
      orders.set(order.id, order);
      const payment = newPayment({ amount: link.amount, status: "captured", order_id: order.id, method, contact: link.customer.contact ?? "" });
      link.status = "paid";
      link.amount_paid = link.amount;
      link.order_id = order.id;
      link.updated_at = now();
      link.payments = [
        ...(link.payments ?? []),
        { amount: payment.amount, created_at: payment.created_at, method, payment_id: payment.id, plink_id: link.id, status: "captured", updated_at: now() },
      ];
      return payment;
    },
    payOrder(id, { method = "upi", outcome = "captured", notes } = {}) {
      const order = orders.get(id);
      if (!order) throw new Error(`no order ${id}`);
      if (order.status === "paid") throw new Error(`order ${id} is paid`);
      order.attempts += 1;
      if (outcome === "captured") {
        order.status = "paid";
        order.amount_paid = order.amount;
        order.amount_due = 0;
      } else {
        order.status = "attempted";
      }
      return newPayment({ amount: order.amount, status: outcome, order_id: order.id, method, ...(notes ? { notes } : {}) });
    },
    webhook(event, ids, secret) {
      const entities = {
        ...(ids.paymentLinkId ? { payment_link: paymentLinks.get(ids.paymentLinkId) } : {}),
        ...(ids.orderId ? { order: orders.get(ids.orderId) } : {}),
        ...(ids.paymentId ? { payment: payments.get(ids.paymentId) } : {}),
      };
      const rawBody = JSON.stringify(razorpayWebhookEvent({ event, accountId: "acc_FakeAccount0001", createdAt: now(), entities }));
      const signature = signRazorpayWebhook(rawBody, secret);
      return {
        rawBody,
        signature,
        headers: { "content-type": "application/json", "x-razorpay-signature": signature, "x-razorpay-event-id": razorpayId("evt").slice(4) },
      };
    },
    reset() {
      paymentLinks.clear();
      orders.clear();
      payments.clear();
      faults.length = 0;
      server.requests.length = 0;
    },
    close: () => server.close(),
  };
}
