// Where the provider sends the customer after paying a link: our own link page with Razorpay's
// signed query parameters. A valid signature (over payment_link_id|reference_id|status|payment_id,
// with the account's key secret; the link is the one our code names, never the query's) shows the
// receipt at once, before the webhook has been applied. Anything else is an ordinary open.
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
