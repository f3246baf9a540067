// Offline payments. Links, orders and payments are SandboxOutbox rows (channel PAYMENT, one per
// plink_/order_/pay_ id); their state lives in the row's payload, amounts as decimal strings of paise so
// JSON carries them exactly. A link points at the sandbox checkout, which calls completeCheckout: it
// records the payment, moves the link or order on, and hands back the webhooks Razorpay would send, signed
// the way Razorpay signs them, for the caller to post to our own endpoint.
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { ProviderError } from "~/providers/provider-error";
import { randomId, recordOutboxEntry, SANDBOX_PROVIDER } from "~/providers/sandbox-outbox.server";
import { formatPaise } from "~/utils/format";
import {
  createOrderInputSchema,
  createPaymentLinkInputSchema,
  findPaymentLinkInputSchema,
  orderRefSchema,
  paymentLinkRefSchema,
  paymentRefSchema,
  type Order,
  type OrderStatus,
  type Payment,
  type PaymentLink,
  type PaymentLinkStatus,
  type PaymentsProvider,
  type PaymentStatus,
} from "./payments.types";
import { paiseToRazorpayAmount, razorpayWebhookEvent, unixSeconds, type RazorpayWebhookEntities } from "./razorpay-entities.server";
import {
  signCheckout,
  signPaymentLinkCallback,
  signRazorpayWebhook,
  verifyCheckoutSignature,
  verifyPaymentLinkCallbackSignature,
  verifyRazorpayWebhookSignature,
} from "./razorpay-signature.server";

/** Not secrets: they only authenticate the sandbox to itself. */
export const SANDBOX_RAZORPAY_KEY_SECRET = "leadlane-sandbox-razorpay-key-secret";
export const SANDBOX_RAZORPAY_WEBHOOK_SECRET = "leadlane-sandbox-razorpay-webhook-secret";
export const SANDBOX_RAZORPAY_ACCOUNT_ID = "acc_LeadlaneSandbox";

export type SandboxPaymentsConfig = {
  db: PrismaClient;
  /** The app's public base URL; links point at `<appUrl>/sandbox/checkout/<plink id>`. */
  appUrl: string;
  /** Signs Checkout and callback signatures; SANDBOX_RAZORPAY_KEY_SECRET unless given. */
  keySecret?: string;
  /** The first one signs the webhooks the sandbox hands out; all are accepted. SANDBOX_RAZORPAY_WEBHOOK_SECRET unless given. */
  webhookSecrets?: readonly string[];
  now?: () => Date;
};

/** A payment link's row payload. The checkout moves `status`, `amountPaidPaise` and `paymentIds`. */
export type SandboxPaymentLinkPayload = {
  kind: "payment_link";
  amountPaise: string;
  amountPaidPaise: string;
  currency: "INR";
  status: PaymentLinkStatus;
  shortUrl: string;
  referenceId: string;
  description: string;
  customer: { name: string; phone: string; email: string | null };
  callbackUrl: string | null;
  expireBy: string | null;
  paymentIds: string[];
};

export type SandboxOrderPayload = {
  kind: "order";
  amountPaise: string;
  amountPaidPaise: string;
  currency: "INR";
  status: OrderStatus;
  receipt: string;
  attempts: number;
  paymentIds: string[];
};

export type SandboxPaymentPayload = {
  kind: "payment";
  amountPaise: string;
  amountRefundedPaise: string;
  currency: "INR";
  status: PaymentStatus;
  /** Set for a payment on an order; the sandbox makes no order behind a payment link. */
  orderId: string | null;
  paymentLinkId: string | null;
  method: string;
  errorDescription: string | null;
  createdAt: string;
};

/** A webhook as Razorpay would post it: the exact body and the headers that go with it. */
export type SandboxWebhook = {
  event: string;
  eventId: string;
  rawBody: string;
  headers: { "content-type": "application/json"; "x-razorpay-signature": string; "x-razorpay-event-id": string };
};

export type SandboxCheckoutInput = {
  organizationId: string;
  /** The plink_… or order_… being paid. */
  externalId: string;
  outcome: "captured" | "failed";
  method?: "upi" | "card" | "netbanking" | "wallet";
  errorDescription?: string;
};

export type SandboxCheckoutResult = {
  payment: Payment;
  /** In the order Razorpay sends them; post each to the webhook endpoint. */
  webhooks: SandboxWebhook[];
  /** A paid link with a callback URL: where the customer lands, with Razorpay's signed query parameters. */
  callbackUrl: string | null;
  /** A paid order: what Checkout hands the page's handler. */
  checkoutResponse: { razorpay_payment_id: string; razorpay_order_id: string; razorpay_signature: string } | null;
};

export type SandboxPaymentsProvider = PaymentsProvider & {
  /** The customer finishing the sandbox checkout of a link or an order. */
  completeCheckout(input: SandboxCheckoutInput): Promise<SandboxCheckoutResult>;
};

export function sandboxCheckoutUrl(appUrl: string, externalId: string): string {
  return `${appUrl.replace(/\/$/, "")}/sandbox/checkout/${externalId}`;
}

/** Posts one sandbox webhook to our own endpoint, as Razorpay would; the response's status. */
export async function postSandboxWebhook(url: string, webhook: SandboxWebhook, fetcher: typeof fetch = fetch): Promise<number> {
  const response = await fetcher(url, { method: "POST", headers: webhook.headers, body: webhook.rawBody });
  await response.body?.cancel();
  return response.status;
}

type Row = { id: string; externalId: string; organizationId: string | null; payload: Prisma.JsonValue };

function sandboxError(message: string, details: { status: number; code: string; retryable?: boolean }): ProviderError {
  return new ProviderError(SANDBOX_PROVIDER, message, details);
}

function notFound(what: string): ProviderError {
  return sandboxError(`${what} not found`, { status: 404, code: "NOT_FOUND" });
}

function badRequest(message: string): ProviderError {
  return sandboxError(message, { status: 400, code: "BAD_REQUEST_ERROR" });
}

/** Links written before the payload had `kind`, `description` and string amounts read the same. */
function linkPayload(raw: Prisma.JsonValue): SandboxPaymentLinkPayload {
  const payload = raw as Partial<SandboxPaymentLinkPayload> & { amountPaise: string | number; amountPaidPaise: string | number };
  return {
    ...(payload as SandboxPaymentLinkPayload),
    kind: "payment_link",
    amountPaise: String(payload.amountPaise),
    amountPaidPaise: String(payload.amountPaidPaise ?? 0),
    description: payload.description ?? "",
    paymentIds: payload.paymentIds ?? [],
  };
}

export function createSandboxPaymentsProvider(config: SandboxPaymentsConfig): SandboxPaymentsProvider {
  const { db, appUrl } = config;
  const keySecret = config.keySecret ?? SANDBOX_RAZORPAY_KEY_SECRET;
  const webhookSecrets = [...(config.webhookSecrets ?? [SANDBOX_RAZORPAY_WEBHOOK_SECRET])];
  const now = config.now ?? (() => new Date());

  async function findRow(organizationId: string, externalId: string): Promise<Row | null> {
    return db.sandboxOutbox.findFirst({
      where: { externalId, organizationId, channel: "PAYMENT" },
      select: { id: true, externalId: true, organizationId: true, payload: true },
    });
  }

  /** Razorpay marks a link expired once its expire_by passes; the sandbox works it out when reading. */
  function currentLink(payload: SandboxPaymentLinkPayload): SandboxPaymentLinkPayload {
    if (payload.status === "created" && payload.expireBy && new Date(payload.expireBy) <= now()) {
      return { ...payload, status: "expired" };
    }
    return payload;
  }

  function toPaymentLink(externalId: string, stored: SandboxPaymentLinkPayload): PaymentLink {
    const payload = currentLink(stored);
    return {
      provider: SANDBOX_PROVIDER,
      externalId,
      shortUrl: payload.shortUrl,
      status: payload.status,
      amountPaise: BigInt(payload.amountPaise),
      amountPaidPaise: BigInt(payload.amountPaidPaise),
      currency: payload.currency,
      referenceId: payload.referenceId,
      paymentIds: payload.paymentIds,
    };
  }

  function toOrder(externalId: string, payload: SandboxOrderPayload): Order {
    return {
      provider: SANDBOX_PROVIDER,
      externalId,
      status: payload.status,
      amountPaise: BigInt(payload.amountPaise),
      amountPaidPaise: BigInt(payload.amountPaidPaise),
      currency: payload.currency,
      receipt: payload.receipt,
      attempts: payload.attempts,
    };
  }

  function toPayment(externalId: string, payload: SandboxPaymentPayload): Payment {
    return {
      provider: SANDBOX_PROVIDER,
      externalId,
      status: payload.status,
      amountPaise: BigInt(payload.amountPaise),
      amountRefundedPaise: BigInt(payload.amountRefundedPaise),
      currency: payload.currency,
      orderId: payload.orderId,
      method: payload.method,
      errorDescription: payload.errorDescription,
      createdAt: new Date(payload.createdAt),
    };
  }

  /** Writes `next` only if the row still holds `previous`: two checkouts of one link cannot both pay it. */
  async function replacePayload(row: Row, next: Prisma.InputJsonObject, what: string): Promise<void> {
    const { count } = await db.sandboxOutbox.updateMany({
      where: { id: row.id, payload: { equals: row.payload ?? {} } },
      data: { payload: next },
    });
    if (count === 0) throw sandboxError(`${what} changed meanwhile; try again`, { status: 409, code: "CONFLICT", retryable: true });
  }

  async function linkRow(organizationId: string, externalId: string) {
    const row = await findRow(organizationId, externalId);
    if (!row) throw notFound(`payment link ${externalId}`);
    return { row, payload: linkPayload(row.payload) };
  }

  // Razorpay-shaped entities for the webhooks.
  function linkEntity(organizationId: string, externalId: string, payload: SandboxPaymentLinkPayload, payments: Array<{ id: string; payload: SandboxPaymentPayload }>) {
    return {
      id: externalId,
      entity: "payment_link",
      amount: paiseToRazorpayAmount(BigInt(payload.amountPaise)),
      amount_paid: paiseToRazorpayAmount(BigInt(payload.amountPaidPaise)),
      currency: payload.currency,
      status: payload.status,
      reference_id: payload.referenceId,
      description: payload.description,
      short_url: payload.shortUrl,
      customer: { name: payload.customer.name, contact: payload.customer.phone, email: payload.customer.email ?? "" },
      notes: { organization_id: organizationId },
      payments: payments.map((payment) => ({
        payment_id: payment.id,
        plink_id: externalId,
        amount: paiseToRazorpayAmount(BigInt(payment.payload.amountPaise)),
        method: payment.payload.method,
        status: payment.payload.status,
        created_at: unixSeconds(new Date(payment.payload.createdAt)),
      })),
    };
  }

  function orderEntity(organizationId: string, externalId: string, payload: SandboxOrderPayload) {
    const amount = BigInt(payload.amountPaise);
    const paid = BigInt(payload.amountPaidPaise);
    return {
      id: externalId,
      entity: "order",
      amount: paiseToRazorpayAmount(amount),
      amount_paid: paiseToRazorpayAmount(paid),
      amount_due: paiseToRazorpayAmount(amount - paid),
      currency: payload.currency,
      receipt: payload.receipt,
      status: payload.status,
      attempts: payload.attempts,
      notes: { organization_id: organizationId },
    };
  }

  function paymentEntity(organizationId: string, externalId: string, payload: SandboxPaymentPayload, contact: string | null) {
    return {
      id: externalId,
      entity: "payment",
      amount: paiseToRazorpayAmount(BigInt(payload.amountPaise)),
      amount_refunded: paiseToRazorpayAmount(BigInt(payload.amountRefundedPaise)),
      currency: payload.currency,
      status: payload.status,
      order_id: payload.orderId,
      method: payload.method,
      captured: payload.status === "captured",
      contact,
      notes: { organization_id: organizationId },
      error_code: payload.status === "failed" ? "BAD_REQUEST_ERROR" : null,
      error_description: payload.errorDescription,
      created_at: unixSeconds(new Date(payload.createdAt)),
    };
  }

  function webhook(event: string, entities: RazorpayWebhookEntities): SandboxWebhook {
    const rawBody = JSON.stringify(
      razorpayWebhookEvent({ event, accountId: SANDBOX_RAZORPAY_ACCOUNT_ID, createdAt: unixSeconds(now()), entities }),
    );
    const eventId = randomId(14);
    return {
      event,
      eventId,
      rawBody,
      headers: {
        "content-type": "application/json",
        "x-razorpay-signature": signRazorpayWebhook(rawBody, webhookSecrets[0] ?? ""),
        "x-razorpay-event-id": eventId,
      },
    };
  }

  async function recordPayment(organizationId: string, paymentId: string, toAddress: string, about: string, payload: SandboxPaymentPayload) {
    await recordOutboxEntry(db, {
      organizationId,
      channel: "PAYMENT",
      toAddress,
      subject: `Payment ${payload.status}: ${about}`.slice(0, 500),
      body: `${formatPaise(BigInt(payload.amountPaise))} ${payload.status === "captured" ? "paid" : "failed"} by ${payload.method}: ${about}`,
      payload,
      externalId: paymentId,
    });
  }

  async function findLinkByReference(organizationId: string, referenceId: string, client: Pick<PrismaClient, "sandboxOutbox"> = db) {
    const row = await client.sandboxOutbox.findFirst({
      where: { organizationId, channel: "PAYMENT", externalId: { startsWith: "plink_" }, payload: { path: ["referenceId"], equals: referenceId } },
      orderBy: { createdAt: "asc" },
      select: { externalId: true, payload: true },
    });
    return row ? toPaymentLink(row.externalId, linkPayload(row.payload)) : null;
  }

  async function paymentsOf(organizationId: string, ids: string[]) {
    if (ids.length === 0) return [];
    const rows = await db.sandboxOutbox.findMany({
      where: { organizationId, channel: "PAYMENT", externalId: { in: ids } },
      select: { externalId: true, payload: true },
    });
    const byId = new Map(rows.map((row) => [row.externalId, row.payload as SandboxPaymentPayload]));
    return ids.flatMap((id) => (byId.has(id) ? [{ id, payload: byId.get(id)! }] : []));
  }

  function paymentPayload(input: SandboxCheckoutInput, amountPaise: string, refs: { orderId: string | null; paymentLinkId: string | null }): SandboxPaymentPayload {
    return {
      kind: "payment",
      amountPaise,
      amountRefundedPaise: "0",
      currency: "INR",
      status: input.outcome,
      ...refs,
      method: input.method ?? "upi",
      errorDescription: input.outcome === "failed" ? (input.errorDescription ?? "Payment failed in the sandbox checkout") : null,
      createdAt: now().toISOString(),
    };
  }

  async function payLink(input: SandboxCheckoutInput): Promise<SandboxCheckoutResult> {
    const { organizationId, externalId } = input;
    const { row, payload: stored } = await linkRow(organizationId, externalId);
    const link = currentLink(stored);
    if (link.status !== "created") throw badRequest(`payment link ${externalId} is ${link.status} and cannot be paid`);

    const payment = paymentPayload(input, link.amountPaise, { orderId: null, paymentLinkId: externalId });
    const paymentId = `pay_${randomId(14)}`;
    const next: SandboxPaymentLinkPayload = {
      ...link,
      status: input.outcome === "captured" ? "paid" : "created",
      amountPaidPaise: input.outcome === "captured" ? link.amountPaise : link.amountPaidPaise,
      paymentIds: [...link.paymentIds, paymentId],
    };
    await replacePayload(row, next, `payment link ${externalId}`);
    await recordPayment(organizationId, paymentId, link.customer.phone, link.description || externalId, payment);

    const paymentJson = paymentEntity(organizationId, paymentId, payment, link.customer.phone);
    if (input.outcome === "failed") {
      return { payment: toPayment(paymentId, payment), webhooks: [webhook("payment.failed", { payment: paymentJson })], callbackUrl: null, checkoutResponse: null };
    }
    const linkJson = linkEntity(organizationId, externalId, next, await paymentsOf(organizationId, next.paymentIds));
    let callbackUrl: string | null = null;
    if (link.callbackUrl) {
      const url = new URL(link.callbackUrl);
      const fields = { paymentLinkId: externalId, referenceId: link.referenceId, status: next.status, paymentId };
      url.searchParams.set("razorpay_payment_id", paymentId);
      url.searchParams.set("razorpay_payment_link_id", externalId);
      url.searchParams.set("razorpay_payment_link_reference_id", link.referenceId);
      url.searchParams.set("razorpay_payment_link_status", next.status);
      url.searchParams.set("razorpay_signature", signPaymentLinkCallback({ ...fields, keySecret }));
      callbackUrl = url.href;
    }
    return {
      payment: toPayment(paymentId, payment),
      webhooks: [
        webhook("payment.captured", { payment: paymentJson }),
        webhook("payment_link.paid", { payment_link: linkJson, payment: paymentJson }),
      ],
      callbackUrl,
      checkoutResponse: null,
    };
  }

  async function payOrder(input: SandboxCheckoutInput): Promise<SandboxCheckoutResult> {
    const { organizationId, externalId } = input;
    const row = await findRow(organizationId, externalId);
    if (!row) throw notFound(`order ${externalId}`);
    const order = row.payload as SandboxOrderPayload;
    if (order.status === "paid") throw badRequest(`order ${externalId} is already paid`);

    const payment = paymentPayload(input, order.amountPaise, { orderId: externalId, paymentLinkId: null });
    const paymentId = `pay_${randomId(14)}`;
    const next: SandboxOrderPayload = {
      ...order,
      status: input.outcome === "captured" ? "paid" : "attempted",
      amountPaidPaise: input.outcome === "captured" ? order.amountPaise : order.amountPaidPaise,
      attempts: order.attempts + 1,
      paymentIds: [...order.paymentIds, paymentId],
    };
    await replacePayload(row, next, `order ${externalId}`);
    // An order goes to nobody: the customer pays it on our own page.
    await recordPayment(organizationId, paymentId, "", `order ${order.receipt}`, payment);

    const paymentJson = paymentEntity(organizationId, paymentId, payment, null);
    if (input.outcome === "failed") {
      return { payment: toPayment(paymentId, payment), webhooks: [webhook("payment.failed", { payment: paymentJson })], callbackUrl: null, checkoutResponse: null };
    }
    return {
      payment: toPayment(paymentId, payment),
      webhooks: [
        webhook("payment.captured", { payment: paymentJson }),
        webhook("order.paid", { order: orderEntity(organizationId, externalId, next), payment: paymentJson }),
      ],
      callbackUrl: null,
      checkoutResponse: {
        razorpay_payment_id: paymentId,
        razorpay_order_id: externalId,
        razorpay_signature: signCheckout({ orderId: externalId, paymentId, keySecret }),
      },
    };
  }

  return {
    name: "sandbox",

    async createPaymentLink(input) {
      const link = createPaymentLinkInputSchema.parse(input);
      const externalId = `plink_${randomId(14)}`;
      const payload: SandboxPaymentLinkPayload = {
        kind: "payment_link",
        amountPaise: link.amountPaise.toString(),
        amountPaidPaise: "0",
        currency: link.currency,
        status: "created",
        shortUrl: sandboxCheckoutUrl(appUrl, externalId),
        referenceId: link.referenceId,
        description: link.description,
        customer: { name: link.customer.name, phone: link.customer.phone ?? "", email: link.customer.email ?? null },
        callbackUrl: link.callbackUrl ?? null,
        expireBy: link.expireBy?.toISOString() ?? null,
        paymentIds: [],
      };
      // Razorpay keeps reference ids unique per account, whoever asks at the same time: the check and
      // the write hold one lock per reference id.
      await db.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`sandbox-payment-link:${link.organizationId}:${link.referenceId}`}, 0))`;
        if (await findLinkByReference(link.organizationId, link.referenceId, tx)) {
          throw badRequest(`a payment link with reference_id ${link.referenceId} already exists (field: reference_id)`);
        }
        await recordOutboxEntry(tx, {
          organizationId: link.organizationId,
          channel: "PAYMENT",
          toAddress: link.customer.phone ?? link.customer.email ?? "",
          subject: link.description,
          body: `${link.description}\n${payload.shortUrl}`,
          payload,
          externalId,
        });
      });
      return toPaymentLink(externalId, payload);
    },

    async fetchPaymentLink(input) {
      const { organizationId, externalId } = paymentLinkRefSchema.parse(input);
      const { payload } = await linkRow(organizationId, externalId);
      return toPaymentLink(externalId, payload);
    },

    async findPaymentLinkByReference(input) {
      const { organizationId, referenceId } = findPaymentLinkInputSchema.parse(input);
      return findLinkByReference(organizationId, referenceId);
    },

    async cancelPaymentLink(input) {
      const { organizationId, externalId } = paymentLinkRefSchema.parse(input);
      const { row, payload: stored } = await linkRow(organizationId, externalId);
      const link = currentLink(stored);
      if (link.status === "cancelled") return toPaymentLink(externalId, link);
      if (link.status !== "created") throw badRequest(`payment link ${externalId} is ${link.status} and cannot be cancelled`);
      const next: SandboxPaymentLinkPayload = { ...link, status: "cancelled" };
      await replacePayload(row, next, `payment link ${externalId}`);
      return toPaymentLink(externalId, next);
    },

    async createOrder(input) {
      const order = createOrderInputSchema.parse(input);
      const externalId = `order_${randomId(14)}`;
      const payload: SandboxOrderPayload = {
        kind: "order",
        amountPaise: order.amountPaise.toString(),
        amountPaidPaise: "0",
        currency: order.currency,
        status: "created",
        receipt: order.receipt,
        attempts: 0,
        paymentIds: [],
      };
      await recordOutboxEntry(db, {
        organizationId: order.organizationId,
        channel: "PAYMENT",
        // An order goes to nobody: the customer pays it on our own page.
        toAddress: "",
        subject: `Order ${order.receipt}`,
        body: `Order ${order.receipt} for ${formatPaise(order.amountPaise)}`,
        payload,
        externalId,
      });
      return toOrder(externalId, payload);
    },

    async fetchOrder(input) {
      const { organizationId, externalId } = orderRefSchema.parse(input);
      const row = await findRow(organizationId, externalId);
      if (!row) throw notFound(`order ${externalId}`);
      return toOrder(externalId, row.payload as SandboxOrderPayload);
    },

    async fetchPayment(input) {
      const { organizationId, externalId } = paymentRefSchema.parse(input);
      const row = await findRow(organizationId, externalId);
      if (!row) throw notFound(`payment ${externalId}`);
      return toPayment(externalId, row.payload as SandboxPaymentPayload);
    },

    async completeCheckout(input) {
      if (input.externalId.startsWith("plink_")) return payLink(input);
      if (input.externalId.startsWith("order_")) return payOrder(input);
      throw notFound(`checkout ${input.externalId}`);
    },

    verifyWebhookSignature: (rawBody, signature) => verifyRazorpayWebhookSignature(rawBody, signature, webhookSecrets),
    verifyCheckoutSignature: (input) => verifyCheckoutSignature({ ...input, keySecret }),
    verifyPaymentLinkCallbackSignature: (input) => verifyPaymentLinkCallbackSignature({ ...input, keySecret }),
  };
}
