// Payment links, the same for Razorpay and the sandbox. Safe for the browser.
import { z } from "zod";

export const createPaymentLinkInputSchema = z.object({
  organizationId: z.uuid(),
  /** Whole paise, from ₹1 (Razorpay's minimum) to ₹5 crore. */
  amountPaise: z.number().int({ message: "must be a whole number of paise" }).min(100).max(5_000_000_000),
  currency: z.literal("INR").default("INR"),
  description: z.string().trim().min(1).max(2048),
  customer: z.object({
    name: z.string().trim().min(1).max(120),
    /** E.164, e.g. +919876543210. */
    phone: z.string().regex(/^\+[1-9]\d{7,14}$/, { message: "must be an E.164 number" }),
    email: z.email().optional(),
  }),
  /** Our own id for the payment (unique per account at Razorpay), echoed back in webhooks. */
  referenceId: z.string().trim().min(1).max(40),
  /** Where the customer lands after paying. */
  callbackUrl: z.url().optional(),
  expireBy: z.date().optional(),
});
export type CreatePaymentLinkInput = z.input<typeof createPaymentLinkInputSchema>;

export type PaymentLinkStatus = "created" | "partially_paid" | "paid" | "expired" | "cancelled";

export type PaymentLink = {
  provider: "razorpay" | "sandbox";
  /** plink_… */
  externalId: string;
  shortUrl: string;
  status: PaymentLinkStatus;
  amountPaise: number;
  amountPaidPaise: number;
  referenceId: string | null;
};

export type FetchPaymentLinkInput = { organizationId: string; externalId: string };

export interface PaymentsProvider {
  readonly name: "razorpay" | "sandbox";
  createPaymentLink(input: CreatePaymentLinkInput): Promise<PaymentLink>;
  /** Reads a link back; a link created for another organization is reported as not found. */
  fetchPaymentLink(input: FetchPaymentLinkInput): Promise<PaymentLink>;
  /** X-Razorpay-Signature: hex HMAC-SHA256 of the raw body with the webhook secret. */
  verifyWebhookSignature(rawBody: string, signature: string | null | undefined, secret: string): boolean;
}
