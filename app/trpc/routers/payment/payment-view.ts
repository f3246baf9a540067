// What a page or a client receives of a payment: amounts as decimal strings of paise (JSON has no
// BigInt), to read back with BigInt() and show with formatAmount.
import type { PaymentListRow, PaymentTotals } from "~/models/payment-list.server";

export function paymentView(row: PaymentListRow) {
  return {
    id: row.id,
    paidAt: row.paidAt,
    contact: row.contactId ? { id: row.contactId, name: row.contactName ?? "" } : null,
    product: row.productId ? { id: row.productId, name: row.productName ?? "" } : null,
    agent: row.agentId ? { id: row.agentId, name: row.agentName ?? "" } : null,
    amountPaise: row.amountPaise.toString(),
    refundedPaise: row.refundedPaise.toString(),
    currency: row.currency,
    status: row.status,
    method: row.method,
    reviewReason: row.reviewReason,
    counted: row.countedAt !== null,
    errorDescription: row.errorDescription,
    providerPaymentId: row.providerPaymentId,
  };
}

export type PaymentView = ReturnType<typeof paymentView>;

export function paymentTotalsView(totals: PaymentTotals) {
  return {
    payments: totals.payments,
    counted: totals.counted,
    capturedPaise: totals.capturedPaise.toString(),
    refundedPaise: totals.refundedPaise.toString(),
    netPaise: totals.netPaise.toString(),
  };
}
