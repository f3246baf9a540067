// Payment links, orders and payments, the same for Razorpay and the sandbox. Safe for the browser.
// Amounts are BigInt paise here; a provider turns them into the vendor's numbers at its own edge.
import { z } from "zod";

export type PaymentsProviderName = "razorpay" | "sandbox";

/** Whole paise, from ₹1 (Razorpay's minimum) to ₹5 crore. */
const amountPaise = z
  .bigint({ message: "must be a whole number of paise" })
  .min(100n, { message: "must be at least ₹1 (100 paise)" })
  .max(5_000_000_000n, { message: "must be at most ₹5,00,00,000" });

const organizationId = z.uuid({ message: "must be an organization id" });

/** Razorpay's own ids: plink_…, order_…, pay_… */
const externalId = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}_[0-9A-Za-z]{1,40}$`), { message: `must be a ${prefix}_… id` });

export const createPaymentLinkInputSchema = z.object({
  organizationId,
  amountPaise,
  currency: z.literal("INR").default("INR"),
  description: z.string().trim().min(1, { message: "is required" }).max(2048),
  customer: z.object({
    name: z.string().trim().min(1, { message: "is required" }).max(120),
    /** E.164, e.g. +919876543210; a contact known only by email has none. */
    phone: z.string().regex(/^\+[1-9]\d{7,14}$/, { message: "must be an E.164 number" }).optional(),
    email: z.email().optional(),
  }),
  /** Our own id for the payment (unique per Razorpay account), echoed back in webhooks and the callback. */
  referenceId: z.string().trim().min(1, { message: "is required" }).max(40, { message: "must be at most 40 characters" }),
  /** Where the customer lands after paying (Razorpay redirects with GET and signed query parameters). */
  callbackUrl: z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }).optional(),
  /** Razorpay wants it at least 15 minutes ahead; sent as Unix seconds. */
  expireBy: z.date().optional(),
});
export type CreatePaymentLinkInput = z.input<typeof createPaymentLinkInputSchema>;

export type PaymentLinkStatus = "created" | "partially_paid" | "paid" | "expired" | "cancelled";

export type PaymentLink = {
  provider: PaymentsProviderName;
  /** plink_… */
  externalId: string;
  shortUrl: string;
  status: PaymentLinkStatus;
  amountPaise: bigint;
  amountPaidPaise: bigint;
  currency: string;
  referenceId: string | null;
  /** Payments made through the link (pay_…), failed ones included, oldest first. */
  paymentIds: string[];
};

export const paymentLinkRefSchema = z.object({ organizationId, externalId: externalId("plink") });
export type PaymentLinkRef = z.input<typeof paymentLinkRefSchema>;

export const findPaymentLinkInputSchema = createPaymentLinkInputSchema.pick({ organizationId: true, referenceId: true });
export type FindPaymentLinkInput = z.input<typeof findPaymentLinkInputSchema>;

export const createOrderInputSchema = z.object({
  organizationId,
  amountPaise,
  currency: z.literal("INR").default("INR"),
  /** Our own id for the payment (Razorpay's receipt, at most 40 characters). */
  receipt: z.string().trim().min(1, { message: "is required" }).max(40, { message: "must be at most 40 characters" }),
});
export type CreateOrderInput = z.input<typeof createOrderInputSchema>;

export type OrderStatus = "created" | "attempted" | "paid";

export type Order = {
  provider: PaymentsProviderName;
  /** order_… */
  externalId: string;
  status: OrderStatus;
  amountPaise: bigint;
  amountPaidPaise: bigint;
  currency: string;
  receipt: string | null;
  /** How many payments were tried on it. */
  attempts: number;
};

export const orderRefSchema = z.object({ organizationId, externalId: externalId("order") });
export type OrderRef = z.input<typeof orderRefSchema>;

export type PaymentStatus = "created" | "authorized" | "captured" | "refunded" | "failed";

/** One payment as the provider sees it now: what a webhook or a reconciliation sweep re-reads before trusting. */
export type Payment = {
  provider: PaymentsProviderName;
  /** pay_… */
  externalId: string;
  status: PaymentStatus;
  amountPaise: bigint;
  amountRefundedPaise: bigint;
  currency: string;
  /** The order it paid (Razorpay makes one behind every payment link too). */
  orderId: string | null;
  /** upi, card, netbanking, wallet, … */
  method: string | null;
  /** Why it failed, in the vendor's words. */
  errorDescription: string | null;
  createdAt: Date;
};

export const paymentRefSchema = z.object({ organizationId, externalId: externalId("pay") });
export type PaymentRef = z.input<typeof paymentRefSchema>;

/** What Razorpay Checkout hands the page after a payment on an order. */
export type CheckoutSignatureInput = { orderId: string; paymentId: string; signature: string | null | undefined };

/** The query parameters Razorpay adds to a payment link's callback URL (razorpay_payment_link_id, …). */
export type PaymentLinkCallbackSignatureInput = {
  paymentLinkId: string;
  /** Empty when the link has no reference id. */
  referenceId: string;
  status: string;
  paymentId: string;
  signature: string | null | undefined;
};

export interface PaymentsProvider {
  readonly name: PaymentsProviderName;

  createPaymentLink(input: CreatePaymentLinkInput): Promise<PaymentLink>;
  /** Reads a link back; a link created for another organization is reported as not found. */
  fetchPaymentLink(input: PaymentLinkRef): Promise<PaymentLink>;
  /**
   * The organization's link with this reference id, or null: after a create whose answer never came,
   * a retry looks here first instead of creating a second link.
   */
  findPaymentLinkByReference(input: FindPaymentLinkInput): Promise<PaymentLink | null>;
  /** Cancels a link that is still `created`; cancelling a cancelled link returns it as it is. */
  cancelPaymentLink(input: PaymentLinkRef): Promise<PaymentLink>;

  createOrder(input: CreateOrderInput): Promise<Order>;
  fetchOrder(input: OrderRef): Promise<Order>;

  fetchPayment(input: PaymentRef): Promise<Payment>;

  /**
   * X-Razorpay-Signature over the raw body, checked against this account's webhook secrets (two while
   * one is being rotated): the index of the secret that matched, or null.
   */
  verifyWebhookSignature(rawBody: Buffer | string, signature: string | null | undefined): number | null;
  /** razorpay_signature from Checkout, over `order_id|payment_id` with the key secret. */
  verifyCheckoutSignature(input: CheckoutSignatureInput): boolean;
  /** razorpay_signature on a payment link's callback, over `link id|reference id|status|payment id` with the key secret. */
  verifyPaymentLinkCallbackSignature(input: PaymentLinkCallbackSignatureInput): boolean;
}
