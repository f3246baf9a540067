// A payment's and a payment link's status, as functions of the facts kept about them (never stored
// transitions), so the status is the same whatever order the provider's events arrived in.
// Browser-safe: the pages show these statuses.
import type { PaymentLinkStatus, PaymentStatus } from "~/generated/prisma/enums";

export type PaymentStatusFacts = { capturedAt: Date | null; failedAt: Date | null; amountPaise: bigint; refundedPaise: bigint };

export function paymentStatusOf({ capturedAt, failedAt, amountPaise, refundedPaise }: PaymentStatusFacts): PaymentStatus {
  if (refundedPaise > 0n && refundedPaise >= amountPaise) return "REFUNDED";
  if (capturedAt) return refundedPaise > 0n ? "PARTIALLY_REFUNDED" : "CAPTURED";
  if (failedAt) return "FAILED";
  return "AUTHORIZED";
}

export type PaymentLinkStatusFacts = {
  amountPaise: bigint;
  amountPaidPaise: bigint;
  /** What its counted payments have had refunded. */
  refundedPaise: bigint;
  paidAt: Date | null;
  cancelledAt: Date | null;
  expiredAt: Date | null;
  lastFailedAt: Date | null;
  openCount: number;
};

/** Money beats everything (a payment that arrives after the link expired still paid it); then the link's own end; then what the customer did. */
export function paymentLinkStatusOf(link: PaymentLinkStatusFacts): PaymentLinkStatus {
  const paid = link.paidAt !== null || (link.amountPaidPaise > 0n && link.amountPaidPaise >= link.amountPaise);
  if (paid || link.amountPaidPaise > 0n) {
    if (link.refundedPaise > 0n && link.refundedPaise >= link.amountPaidPaise) return "REFUNDED";
    return paid ? "PAID" : "PARTIALLY_PAID";
  }
  if (link.cancelledAt) return "CANCELLED";
  if (link.expiredAt) return "EXPIRED";
  if (link.lastFailedAt) return "FAILED";
  if (link.openCount > 0) return "OPENED";
  return "CREATED";
}

export const PAYMENT_STATUS_LABELS: Record<PaymentStatus, string> = {
  AUTHORIZED: "Authorized",
  CAPTURED: "Paid",
  PARTIALLY_REFUNDED: "Partly refunded",
  REFUNDED: "Refunded",
  FAILED: "Failed",
};

export const PAYMENT_LINK_STATUS_LABELS: Record<PaymentLinkStatus, string> = {
  CREATED: "Created",
  OPENED: "Opened, not paid",
  FAILED: "Payment failed",
  PARTIALLY_PAID: "Partly paid",
  PAID: "Paid",
  EXPIRED: "Expired",
  CANCELLED: "Cancelled",
  REFUNDED: "Refunded",
};
