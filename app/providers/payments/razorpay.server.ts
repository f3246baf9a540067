// Payment links, orders and payments through Razorpay's API, with the official SDK. One provider per
// Razorpay account (an organization's keys); it reads no environment of its own.
import Razorpay from "razorpay";
import RazorpayApi from "razorpay/dist/api.js";
import ordersResource from "razorpay/dist/resources/orders.js";
import paymentLinkResource from "razorpay/dist/resources/paymentLink.js";
import paymentsResource from "razorpay/dist/resources/payments.js";
import type { RazorpayPaginationOptions } from "razorpay/dist/types/api";
import type { PaymentLinks } from "razorpay/dist/types/paymentLink";
import type { z } from "zod";
import { ProviderError } from "~/providers/provider-error";
import {
  createOrderInputSchema,
  createPaymentLinkInputSchema,
  findPaymentLinkInputSchema,
  orderRefSchema,
  paymentLinkRefSchema,
  paymentRefSchema,
  type Order,
  type Payment,
  type PaymentLink,
  type PaymentsProvider,
} from "./payments.types";
import {
  paiseToRazorpayAmount,
  razorpayOrderSchema,
  razorpayPaymentLinkListSchema,
  razorpayPaymentLinkSchema,
  razorpayPaymentSchema,
  unixSeconds,
  type RazorpayOrderEntity,
  type RazorpayPaymentEntity,
  type RazorpayPaymentLinkEntity,
} from "./razorpay-entities.server";
import {
  verifyCheckoutSignature,
  verifyPaymentLinkCallbackSignature,
  verifyRazorpayWebhookSignature,
} from "./razorpay-signature.server";

export const RAZORPAY_API_HOST = "https://api.razorpay.com";
const DEFAULT_TIMEOUT_MS = 20_000;

export type RazorpayConfig = {
  keyId: string;
  keySecret: string;
  /** Sends API calls to this origin instead of https://api.razorpay.com (a proxy, or a local fake in tests). */
  apiBaseUrl?: string;
  /** The account's webhook secrets, current first; two while one is being rotated. None: every webhook is refused. */
  webhookSecrets?: readonly string[];
  /** How long one API call may take before it counts as unanswered (retryable). */
  timeoutMs?: number;
};

/** Where our notes put the organization, on every link and order we create. */
const ORGANIZATION_NOTE = "organization_id";

/**
 * The SDK's resources on the SDK's own API client. `new Razorpay()` builds exactly these, but fixes the
 * host; the client's constructor takes it (`hostUrl`, in the SDK's published types), so one code path
 * serves the real API and any other host, with no SDK internals touched afterwards.
 */
function sdk(config: RazorpayConfig) {
  const api = new RazorpayApi({
    hostUrl: (config.apiBaseUrl ?? RAZORPAY_API_HOST).replace(/\/$/, ""),
    ua: `razorpay-node@${Razorpay.VERSION}`,
    key_id: config.keyId,
    key_secret: config.keySecret,
  });
  return { paymentLinks: paymentLinkResource(api), orders: ordersResource(api), payments: paymentsResource(api) };
}

class NoAnswerInTime extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
  }
}

/** The SDK has no timeout; this stops waiting (the request itself ends when the connection does). */
async function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  promise.catch(() => {}); // it may still fail after we stopped waiting
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new NoAnswerInTime(timeoutMs)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

type RazorpayFailure = {
  statusCode: number | string;
  error?: { code?: string; description?: string; field?: string | null } | null;
};

function isRazorpayFailure(error: unknown): error is RazorpayFailure {
  return typeof error === "object" && error !== null && "statusCode" in error;
}

const ID_NOT_FOUND = /^The id provided does not exist/i;
/** A 404 for the route itself (a wrong host or path, or a feature off on the account), not for an entity. */
const ROUTE_NOT_FOUND = /requested URL was not found/i;

/**
 * The SDK rejects with `{ statusCode, error: { code, description, field } }` when Razorpay answered, and
 * with a TypeError (its own, reading the missing response) when nothing came back.
 */
function toRazorpayProviderError(error: unknown, what: string): ProviderError {
  if (error instanceof ProviderError) return error;
  if (error instanceof NoAnswerInTime) {
    return new ProviderError("razorpay", `${what}: no answer within ${error.timeoutMs / 1000} s`, { retryable: true, cause: error });
  }
  if (!isRazorpayFailure(error)) {
    return new ProviderError("razorpay", `${what}: no response from the API`, { retryable: true, cause: error });
  }
  const status = Number(error.statusCode);
  const code = error.error?.code ?? undefined;
  const description = error.error?.description?.trim() || `HTTP ${status}`;
  if (status === 401) {
    return new ProviderError(
      "razorpay",
      `${what}: Razorpay refused the API key id and secret (${description}); check the organization's Razorpay keys`,
      { status, code, retryable: false, cause: error },
    );
  }
  if ((status === 404 && !ROUTE_NOT_FOUND.test(description)) || (status === 400 && ID_NOT_FOUND.test(description))) {
    return new ProviderError("razorpay", `${what} not found`, { status: 404, code: "NOT_FOUND", cause: error });
  }
  if (status === 429) {
    return new ProviderError("razorpay", `${what}: Razorpay is limiting our requests (${description})`, { status, code, cause: error });
  }
  if (status >= 500) {
    return new ProviderError("razorpay", `${what}: Razorpay failed (${status}: ${description})`, { status, code, cause: error });
  }
  const field = error.error?.field ? ` (field: ${error.error.field})` : "";
  return new ProviderError("razorpay", `${what}: ${description}${field}`, { status, code, retryable: false, cause: error });
}

function notFound(what: string): ProviderError {
  return new ProviderError("razorpay", `${what} not found`, { status: 404, code: "NOT_FOUND" });
}

function toPaymentLink(link: RazorpayPaymentLinkEntity): PaymentLink {
  return {
    provider: "razorpay",
    externalId: link.id,
    shortUrl: link.short_url,
    status: link.status,
    amountPaise: link.amount,
    amountPaidPaise: link.amount_paid ?? 0n,
    currency: link.currency,
    referenceId: link.reference_id || null,
    paymentIds: link.payments.map((payment) => payment.payment_id),
  };
}

function toOrder(order: RazorpayOrderEntity): Order {
  return {
    provider: "razorpay",
    externalId: order.id,
    status: order.status,
    amountPaise: order.amount,
    amountPaidPaise: order.amount_paid ?? 0n,
    currency: order.currency,
    receipt: order.receipt ?? null,
    attempts: order.attempts,
  };
}

function toPayment(payment: RazorpayPaymentEntity): Payment {
  return {
    provider: "razorpay",
    externalId: payment.id,
    status: payment.status,
    amountPaise: payment.amount,
    amountRefundedPaise: payment.amount_refunded ?? 0n,
    currency: payment.currency,
    orderId: payment.order_id ?? null,
    method: payment.method ?? null,
    errorDescription: payment.error_description ?? null,
    createdAt: new Date(payment.created_at * 1000),
  };
}

export function createRazorpayPaymentsProvider(config: RazorpayConfig): PaymentsProvider {
  const { paymentLinks, orders, payments } = sdk(config);
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const webhookSecrets = [...(config.webhookSecrets ?? [])];

  /** One API call: waited for at most timeoutMs, its failure as a ProviderError, its answer checked. */
  async function call<S extends z.ZodType>(what: string, request: () => Promise<unknown>, schema: S): Promise<z.output<S>> {
    let answer: unknown;
    try {
      answer = await withTimeout(request(), timeoutMs);
    } catch (error) {
      throw toRazorpayProviderError(error, what);
    }
    const parsed = schema.safeParse(answer);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ProviderError("razorpay", `${what}: unexpected answer (${issue?.path.join(".") || "body"} ${issue?.message})`, {
        retryable: false,
        cause: parsed.error,
      });
    }
    return parsed.data;
  }

  async function fetchLinkOf(organizationId: string, externalId: string): Promise<RazorpayPaymentLinkEntity> {
    const what = `payment link ${externalId}`;
    const link = await call(what, () => paymentLinks.fetch(externalId), razorpayPaymentLinkSchema);
    if (link.notes[ORGANIZATION_NOTE] !== organizationId) throw notFound(what);
    return link;
  }

  return {
    name: "razorpay",

    async createPaymentLink(input) {
      const link = createPaymentLinkInputSchema.parse(input);
      const body: PaymentLinks.RazorpayPaymentLinkCreateRequestBody = {
        amount: paiseToRazorpayAmount(link.amountPaise),
        currency: link.currency,
        description: link.description,
        customer: { name: link.customer.name, contact: link.customer.phone, email: link.customer.email },
        reference_id: link.referenceId,
        // We deliver the link ourselves, in the conversation.
        notify: { sms: false, email: false },
        reminder_enable: false,
        notes: { [ORGANIZATION_NOTE]: link.organizationId },
        ...(link.callbackUrl ? { callback_url: link.callbackUrl, callback_method: "get" } : {}),
        ...(link.expireBy ? { expire_by: unixSeconds(link.expireBy) } : {}),
      };
      return toPaymentLink(await call(`payment link for ${link.referenceId}`, () => paymentLinks.create(body), razorpayPaymentLinkSchema));
    },

    async fetchPaymentLink(input) {
      const { organizationId, externalId } = paymentLinkRefSchema.parse(input);
      return toPaymentLink(await fetchLinkOf(organizationId, externalId));
    },

    async findPaymentLinkByReference(input) {
      const { organizationId, referenceId } = findPaymentLinkInputSchema.parse(input);
      // The SDK passes every parameter on; its types list only the paging ones.
      const query: RazorpayPaginationOptions & { reference_id: string } = { reference_id: referenceId };
      const { payment_links } = await call(
        `payment links with reference ${referenceId}`,
        () => paymentLinks.all(query),
        razorpayPaymentLinkListSchema,
      );
      const link = payment_links.find(
        (candidate) => candidate.reference_id === referenceId && candidate.notes[ORGANIZATION_NOTE] === organizationId,
      );
      return link ? toPaymentLink(link) : null;
    },

    async cancelPaymentLink(input) {
      const { organizationId, externalId } = paymentLinkRefSchema.parse(input);
      const link = await fetchLinkOf(organizationId, externalId);
      if (link.status === "cancelled") return toPaymentLink(link);
      return toPaymentLink(await call(`payment link ${externalId}`, () => paymentLinks.cancel(externalId), razorpayPaymentLinkSchema));
    },

    async createOrder(input) {
      const order = createOrderInputSchema.parse(input);
      const body = {
        amount: paiseToRazorpayAmount(order.amountPaise),
        currency: order.currency,
        receipt: order.receipt,
        notes: { [ORGANIZATION_NOTE]: order.organizationId },
      };
      return toOrder(await call(`order for ${order.receipt}`, () => orders.create(body), razorpayOrderSchema));
    },

    async fetchOrder(input) {
      const { organizationId, externalId } = orderRefSchema.parse(input);
      const what = `order ${externalId}`;
      const order = await call(what, () => orders.fetch(externalId), razorpayOrderSchema);
      if (order.notes[ORGANIZATION_NOTE] !== organizationId) throw notFound(what);
      return toOrder(order);
    },

    async fetchPayment(input) {
      const { organizationId, externalId } = paymentRefSchema.parse(input);
      const what = `payment ${externalId}`;
      const payment = await call(what, () => payments.fetch(externalId), razorpayPaymentSchema);
      // The account is the organization's own; a payment that names another organization is not its.
      const named = payment.notes[ORGANIZATION_NOTE];
      if (named !== undefined && named !== organizationId) throw notFound(what);
      return toPayment(payment);
    },

    verifyWebhookSignature: (rawBody, signature) => verifyRazorpayWebhookSignature(rawBody, signature, webhookSecrets),
    verifyCheckoutSignature: (input) => verifyCheckoutSignature({ ...input, keySecret: config.keySecret }),
    verifyPaymentLinkCallbackSignature: (input) => verifyPaymentLinkCallbackSignature({ ...input, keySecret: config.keySecret }),
  };
}
