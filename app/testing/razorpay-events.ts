// Razorpay webhook events as Razorpay sends them, for one payment of a payment link (with its order
// and an optional refund): the bodies tests and benchmarks post, signed like Razorpay signs them.
import { randomBytes } from "node:crypto";
import { signRazorpayWebhook } from "~/providers/payments/index.server";

export type PaymentStory = {
  /** Our link's id (the reference id we gave Razorpay) and Razorpay's ids for the link, its order and the payment. */
  linkId: string;
  providerLinkId: string;
  providerOrderId: string;
  providerPaymentId: string;
  amountPaise: number;
  /** What the payment's entity says was paid (defaults to the link's amount); another amount is a mismatch. */
  paidPaise?: number;
  currency?: string;
  refund?: { providerRefundId: string; amountPaise: number };
  /** Unix seconds of the first event; the others follow a few seconds apart. */
  startedAt?: number;
};

export type StoryEvent = "payment.authorized" | "payment.captured" | "payment_link.paid" | "order.paid" | "refund.created" | "refund.processed" | "payment.failed" | "payment_link.expired";

const id = (prefix: string) => `${prefix}${randomBytes(7).toString("hex")}`;

/** Fresh Razorpay ids for a story about our link `linkId`. */
export function newPaymentStory(linkId: string, amountPaise: number, overrides: Partial<PaymentStory> = {}): PaymentStory {
  return { linkId, providerLinkId: id("plink_"), providerOrderId: id("order_"), providerPaymentId: id("pay_"), amountPaise, ...overrides };
}

const OFFSET: Record<StoryEvent, number> = {
  "payment.authorized": 0,
  "payment.failed": 0,
  "payment.captured": 2,
  "payment_link.paid": 3,
  "order.paid": 3,
  "refund.created": 600,
  "refund.processed": 660,
  "payment_link.expired": 3_600,
};

/** One event of the story, as the JSON object Razorpay posts. */
export function storyEvent(story: PaymentStory, event: StoryEvent): Record<string, unknown> {
  const started = story.startedAt ?? 1_767_600_000;
  const at = started + OFFSET[event];
  const paid = story.paidPaise ?? story.amountPaise;
  const currency = story.currency ?? "INR";
  const refunded = event.startsWith("refund.") && event === "refund.processed" ? (story.refund?.amountPaise ?? 0) : 0;
  const paymentStatus =
    event === "payment.authorized" ? "authorized" : event === "payment.failed" ? "failed" : refunded >= paid ? "refunded" : "captured";
  const payment = {
    id: story.providerPaymentId,
    entity: "payment",
    amount: paid,
    currency,
    status: paymentStatus,
    order_id: story.providerOrderId,
    method: "upi",
    captured: paymentStatus === "captured" || paymentStatus === "refunded",
    amount_refunded: refunded,
    error_description: event === "payment.failed" ? "Payment was declined by the customer's bank." : null,
    email: "priya@example.com",
    contact: "+919876543210",
    created_at: started,
  };
  const link = {
    id: story.providerLinkId,
    entity: "payment_link",
    amount: story.amountPaise,
    amount_paid: event === "payment_link.paid" ? paid : 0,
    currency: "INR",
    status: event === "payment_link.paid" ? "paid" : event === "payment_link.expired" ? "expired" : "created",
    reference_id: story.linkId,
    order_id: story.providerOrderId,
    short_url: "https://rzp.io/i/abc123",
  };
  const order = { id: story.providerOrderId, entity: "order", amount: story.amountPaise, amount_paid: paid, currency: "INR", status: "paid", receipt: story.linkId.slice(0, 40) };
  const refund = story.refund
    ? { id: story.refund.providerRefundId, entity: "refund", amount: story.refund.amountPaise, currency, payment_id: story.providerPaymentId, status: event === "refund.processed" ? "processed" : "pending", created_at: started + OFFSET["refund.created"] }
    : null;
  const payload: Record<string, unknown> = {};
  if (event.startsWith("payment.")) payload.payment = { entity: payment };
  if (event === "payment_link.paid") Object.assign(payload, { payment_link: { entity: link }, payment: { entity: payment }, order: { entity: order } });
  if (event === "payment_link.expired") payload.payment_link = { entity: link };
  if (event === "order.paid") Object.assign(payload, { order: { entity: order }, payment: { entity: payment } });
  if (event.startsWith("refund.")) {
    if (!refund) throw new Error("the story has no refund");
    Object.assign(payload, { refund: { entity: refund }, payment: { entity: payment } });
  }
  return { entity: "event", account_id: "acc_BFQ7uQEaa7j2z7", event, contains: Object.keys(payload), payload, created_at: at };
}

export type SignedPost = { raw: string; signature: string; eventId: string };

/** An event's body as posted, its X-Razorpay-Signature and a fresh x-razorpay-event-id. */
export function signedRazorpayPost(body: Record<string, unknown>, secret: string, eventId: string = id("evt_")): SignedPost {
  const raw = JSON.stringify(body);
  return { raw, signature: signRazorpayWebhook(raw, secret), eventId };
}
