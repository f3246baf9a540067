// Where the provider sends the customer after paying a link: our own link page with Razorpay's
// signed query parameters. A valid signature (over payment_link_id|reference_id|status|payment_id,
// with the account's key secret; the link is the one our code names, never the query's) shows the
// receipt at once, before the webhook has been applied. Anything else is an ordinary open.
import { z } from "zod";
import type { PrismaClient } from "~/generated/prisma/client";
import { paymentsProviderForAccount } from "~/services/payment/payments-provider.server";

export async function verifiedPaymentLinkCallback(db: PrismaClient, { code, query }: { code: string; query: URLSearchParams }): Promise<{ paid: boolean } | null> {
  const paymentId = query.get("razorpay_payment_id");
  const signature = query.get("razorpay_signature");
  if (!paymentId || !signature) return null;
  const link = await db.paymentLink.findUnique({ where: { code }, include: { account: true } });
  if (!link?.providerLinkId) return null;
  const status = query.get("razorpay_payment_link_status") ?? "";
  const valid = paymentsProviderForAccount(link.account).verifyPaymentLinkCallbackSignature({
    paymentLinkId: link.providerLinkId,
    referenceId: query.get("razorpay_payment_link_reference_id") ?? "",
    status,
    paymentId,
    signature,
  });
  return valid ? { paid: status === "paid" } : null;
}

const orderCallbackSchema = z.object({
  razorpay_payment_id: z.string().regex(/^pay_[0-9A-Za-z]{1,40}$/),
  razorpay_signature: z.string().min(1).max(200),
});

export type OrderCheckoutCallback = { outcome: "paid" } | { outcome: "failed"; reason: string } | { outcome: "refused" };

/**
 * What Razorpay Checkout posts to a link page of the order flow after the customer pays (or fails).
 * A payment counts as shown only when razorpay_signature is the HMAC of `order_id|payment_id`, with the
 * account's key secret, over the order id this link keeps: the razorpay_order_id the client posts is
 * never read, so a signature obtained for another order (another link, another organization's) is
 * refused. Nothing is written either way: the books move on Razorpay's webhooks.
 */
export async function verifiedOrderCheckoutCallback(db: PrismaClient, { code, form }: { code: string; form: FormData }): Promise<OrderCheckoutCallback> {
  const failure = form.get("error[description]");
  if (typeof failure === "string" && failure.trim()) return { outcome: "failed", reason: failure.trim().slice(0, 300) };
  const parsed = orderCallbackSchema.safeParse({ razorpay_payment_id: form.get("razorpay_payment_id"), razorpay_signature: form.get("razorpay_signature") });
  if (!parsed.success) return { outcome: "refused" };
  const link = await db.paymentLink.findUnique({ where: { code }, include: { account: true } });
  if (!link || link.checkout !== "ORDER" || !link.providerOrderId) return { outcome: "refused" };
  const valid = paymentsProviderForAccount(link.account).verifyCheckoutSignature({
    orderId: link.providerOrderId,
    paymentId: parsed.data.razorpay_payment_id,
    signature: parsed.data.razorpay_signature,
  });
  return valid ? { outcome: "paid" } : { outcome: "refused" };
}
