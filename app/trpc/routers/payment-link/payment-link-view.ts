// What a page receives of a payment link or a payment: amounts as decimal strings of paise (JSON has
// no BigInt), to read back with BigInt() and show with formatAmount.
import type { Payment, PaymentLink } from "~/generated/prisma/client";
import { now } from "~/utils/clock";

/** An unpaid link past its end shows as expired, whether or not the provider has said so yet. */
function shownStatus(link: Pick<PaymentLink, "status" | "expiresAt">, at: Date): PaymentLink["status"] {
  const unpaid = link.status === "CREATED" || link.status === "OPENED" || link.status === "FAILED";
  return unpaid && link.expiresAt && link.expiresAt <= at ? "EXPIRED" : link.status;
}

export function paymentLinkView(link: PaymentLink & { product?: { name: string } | null; createdBy?: { name: string } | null }, url: string, at: Date = now()) {
  return {
    id: link.id,
    url,
    status: shownStatus(link, at),
    amountPaise: link.amountPaise.toString(),
    amountPaidPaise: link.amountPaidPaise.toString(),
    description: link.description,
    productName: link.product?.name ?? null,
    createdByName: link.createdBy?.name ?? null,
    openCount: link.openCount,
    lastOpenedAt: link.lastOpenedAt,
    expiresAt: link.expiresAt,
    paidAt: link.paidAt,
    conversationId: link.conversationId,
    createdAt: link.createdAt,
    checkout: link.checkout,
    /** The provider's words when it refused to make the link: it cannot be paid. */
    providerError: link.providerError,
  };
}

export function paymentView(payment: Payment) {
  return {
    id: payment.id,
    status: payment.status,
    amountPaise: payment.amountPaise.toString(),
    refundedPaise: payment.refundedPaise.toString(),
    method: payment.method,
    paidAt: payment.paidAt,
    counted: payment.countedAt !== null,
    reviewReason: payment.reviewReason,
    providerPaymentId: payment.providerPaymentId,
    paymentLinkId: payment.paymentLinkId,
  };
}

export type PaymentLinkView = ReturnType<typeof paymentLinkView>;
export type PaymentView = ReturnType<typeof paymentView>;
