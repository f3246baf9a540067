// What Razorpay posts to /webhooks/razorpay/:accountId (a JSON event), and the facts each event
// tells about a payment, its link, its order and a refund. Parsed by the route after the signature
// (a malformed event is a 400) and again by the job from the stored payload.
//
// An event is read as facts, never as "the new state": every event about a payment carries the
// payment entity as it was when the event was made, so a later event may arrive first. A fact only
// ever adds to what is known (captured is captured, whatever arrives after), which is what makes the
// final state the same for every order of arrival.
import { z } from "zod";

/** The events we act on; any other event is stored and marked processed without effect. */
export const HANDLED_RAZORPAY_EVENTS = [
  "payment.authorized",
  "payment.captured",
  "payment.failed",
  "payment_link.paid",
  "payment_link.partially_paid",
  "payment_link.expired",
  "payment_link.cancelled",
  "refund.created",
  "refund.processed",
  "refund.failed",
  "order.paid",
] as const;
export type HandledRazorpayEvent = (typeof HANDLED_RAZORPAY_EVENTS)[number];

const paise = z.number({ message: "an amount must be a number of paise" }).int({ message: "an amount must be whole paise" }).nonnegative().max(Number.MAX_SAFE_INTEGER);
const unixSeconds = z.number({ message: "created_at must be a Unix time" }).int().positive();
const razorpayId = (prefix: string) =>
  z.string({ message: `${prefix}… id is required` }).regex(new RegExp(`^${prefix}[A-Za-z0-9]{1,36}$`), { message: `must be a Razorpay ${prefix}… id` });
const optionalId = (prefix: string) => razorpayId(prefix).nullish();

const paymentEntity = z.object({
  id: razorpayId("pay_"),
  amount: paise,
  currency: z.string().regex(/^[A-Z]{3}$/, { message: "currency must be a three-letter code" }),
  status: z.enum(["created", "authorized", "captured", "refunded", "failed"], { message: "unknown payment status" }),
  order_id: optionalId("order_"),
  method: z.string().max(20).nullish(),
  captured: z.boolean().optional(),
  amount_refunded: paise.optional(),
  error_description: z.string().max(2_000).nullish(),
  created_at: unixSeconds,
});

const paymentLinkEntity = z.object({
  id: razorpayId("plink_"),
  amount: paise,
  amount_paid: paise.default(0),
  currency: z.string().regex(/^[A-Z]{3}$/).default("INR"),
  status: z.enum(["created", "partially_paid", "paid", "expired", "cancelled"], { message: "unknown payment link status" }),
  reference_id: z.string().max(40).nullish(),
  order_id: optionalId("order_"),
});

const orderEntity = z.object({
  id: razorpayId("order_"),
  amount: paise,
  amount_paid: paise.default(0),
  currency: z.string().regex(/^[A-Z]{3}$/).default("INR"),
  status: z.enum(["created", "attempted", "paid"], { message: "unknown order status" }),
  receipt: z.string().max(40).nullish(),
});

const refundEntity = z.object({
  id: razorpayId("rfnd_"),
  amount: paise,
  payment_id: razorpayId("pay_"),
  status: z.enum(["pending", "processed", "failed"], { message: "unknown refund status" }),
  created_at: unixSeconds,
});

const wrapped = <T extends z.ZodType>(entity: T) => z.object({ entity }).optional();

export const razorpayEventSchema = z.object({
  entity: z.literal("event", { message: "not a Razorpay event" }),
  account_id: z.string().max(40).optional(),
  event: z.string({ message: "event is required" }).regex(/^[a-z_]+\.[a-z_.]+$/, { message: "event must name a Razorpay event" }).max(60),
  payload: z.object({
    payment: wrapped(paymentEntity),
    payment_link: wrapped(paymentLinkEntity),
    order: wrapped(orderEntity),
    refund: wrapped(refundEntity),
  }),
  created_at: unixSeconds,
});
export type RazorpayEvent = z.infer<typeof razorpayEventSchema>;

export function isHandledRazorpayEvent(name: string): name is HandledRazorpayEvent {
  return (HANDLED_RAZORPAY_EVENTS as readonly string[]).includes(name);
}

/** What an event tells about a payment. Times are the provider's, so they are the same whatever order they arrive in. */
export type PaymentFacts = {
  providerPaymentId: string;
  providerOrderId: string | null;
  amountPaise: bigint;
  currency: string;
  method: string | null;
  paidAt: Date;
  authorizedAt: Date | null;
  capturedAt: Date | null;
  failedAt: Date | null;
  errorDescription: string | null;
};

export type PaymentLinkFacts = {
  providerLinkId: string;
  referenceId: string | null;
  providerOrderId: string | null;
  amountPaidPaise: bigint;
  paidAt: Date | null;
  expiredAt: Date | null;
  cancelledAt: Date | null;
};

export type PaymentOrderFacts = { providerOrderId: string; attempted: boolean; paidAt: Date | null };

export type RefundFacts = {
  providerRefundId: string;
  providerPaymentId: string;
  amountPaise: bigint;
  status: "CREATED" | "PROCESSED" | "FAILED";
  processedAt: Date | null;
};

export type RazorpayEventFacts = {
  event: string;
  at: Date;
  payment: PaymentFacts | null;
  link: PaymentLinkFacts | null;
  order: PaymentOrderFacts | null;
  refund: RefundFacts | null;
};

const fromUnix = (seconds: number) => new Date(seconds * 1000);

/** The facts an event tells, read from its entities (the event's name only adds what its entity cannot say). */
export function factsOfRazorpayEvent(event: RazorpayEvent): RazorpayEventFacts {
  const at = fromUnix(event.created_at);
  const payment = event.payload.payment?.entity;
  const link = event.payload.payment_link?.entity;
  const order = event.payload.order?.entity;
  const refund = event.payload.refund?.entity;

  let paymentFacts: PaymentFacts | null = null;
  if (payment) {
    // A refunded payment was captured unless Razorpay says otherwise (an auto-refund of one never captured).
    const captured =
      event.event === "payment.captured" ||
      payment.status === "captured" ||
      payment.captured === true ||
      (payment.status === "refunded" && payment.captured !== false) ||
      ((event.event === "payment_link.paid" || event.event === "order.paid") && payment.status !== "failed");
    const authorized = captured || payment.status === "authorized" || event.event === "payment.authorized";
    const failed = payment.status === "failed" || event.event === "payment.failed";
    paymentFacts = {
      providerPaymentId: payment.id,
      providerOrderId: payment.order_id ?? link?.order_id ?? order?.id ?? null,
      amountPaise: BigInt(payment.amount),
      currency: payment.currency,
      method: payment.method ?? null,
      paidAt: fromUnix(payment.created_at),
      authorizedAt: authorized ? at : null,
      capturedAt: captured ? at : null,
      failedAt: failed && !captured ? at : null,
      errorDescription: failed ? (payment.error_description ?? "The payment failed.").slice(0, 500) : null,
    };
  }

  const linkFacts: PaymentLinkFacts | null = link
    ? {
        providerLinkId: link.id,
        referenceId: link.reference_id ?? null,
        providerOrderId: link.order_id ?? (event.event.startsWith("payment_link.") ? (order?.id ?? payment?.order_id ?? null) : null),
        amountPaidPaise: BigInt(link.amount_paid),
        paidAt: link.status === "paid" ? at : null,
        expiredAt: link.status === "expired" ? at : null,
        cancelledAt: link.status === "cancelled" ? at : null,
      }
    : null;

  const orderFacts: PaymentOrderFacts | null = order
    ? { providerOrderId: order.id, attempted: order.status !== "created", paidAt: order.status === "paid" ? at : null }
    : null;

  const refundFacts: RefundFacts | null = refund
    ? {
        providerRefundId: refund.id,
        providerPaymentId: refund.payment_id,
        amountPaise: BigInt(refund.amount),
        status: refund.status === "processed" || event.event === "refund.processed" ? "PROCESSED" : refund.status === "failed" || event.event === "refund.failed" ? "FAILED" : "CREATED",
        processedAt: refund.status === "processed" || event.event === "refund.processed" ? at : null,
      }
    : null;

  return { event: event.event, at, payment: paymentFacts, link: linkFacts, order: orderFacts, refund: refundFacts };
}
