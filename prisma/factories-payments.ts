// Builders for payment accounts, links and payments, shared by the seed, tests and benchmarks. They
// write rows straight to the database (no timeline, no live event, no provider call).
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "../app/generated/prisma/client";
import type { PaymentStatus } from "../app/generated/prisma/enums";
import { findOrCreatePaymentAccount, paymentAccountSecrets } from "../app/models/payment-account.server";

/** The organization's payment account (a sandbox one) and the webhook secret its posts are signed with. */
export async function createPaymentAccount(db: PrismaClient, { organizationId }: { organizationId: string }) {
  const account = await findOrCreatePaymentAccount(db, { organizationId });
  return { account, webhookSecret: paymentAccountSecrets(account).webhookSecrets[0]! };
}

export function createPaymentLink(
  db: PrismaClient,
  input: { organizationId: string; accountId: string; contactId: string; amountPaise: bigint; productId?: string | null; createdById?: string | null; providerLinkId?: string | null; description?: string },
) {
  return db.paymentLink.create({
    data: {
      organizationId: input.organizationId,
      accountId: input.accountId,
      contactId: input.contactId,
      productId: input.productId ?? null,
      createdById: input.createdById ?? null,
      code: randomBytes(6).toString("base64url"),
      providerLinkId: input.providerLinkId === undefined ? `plink_${randomBytes(7).toString("hex")}` : input.providerLinkId,
      amountPaise: input.amountPaise,
      description: input.description ?? "BankNifty Scalper Pro — lifetime licence",
    },
  });
}

const CAPTURED_STATUSES: ReadonlySet<PaymentStatus> = new Set<PaymentStatus>(["CAPTURED", "PARTIALLY_REFUNDED", "REFUNDED"]);

/**
 * A payment as the Razorpay pipeline leaves it, written as a row: captured (or refunded after capture),
 * failed or only authorized; matched to a contact or not; flagged for review or not. `countedAt` is set
 * exactly when the pipeline would count it (captured, matched, not flagged). Contact totals are not
 * touched: call recomputeContactPaymentTotals when a test or the seed needs them.
 */
export function createPayment(
  db: PrismaClient,
  input: {
    organizationId: string;
    accountId: string;
    paidAt: Date;
    amountPaise: bigint;
    status?: PaymentStatus;
    contactId?: string | null;
    productId?: string | null;
    agentId?: string | null;
    paymentLinkId?: string | null;
    providerOrderId?: string;
    refundedPaise?: bigint;
    currency?: string;
    method?: string | null;
    reviewReason?: string | null;
    errorDescription?: string | null;
    providerPaymentId?: string;
  },
) {
  const status = input.status ?? "CAPTURED";
  const captured = CAPTURED_STATUSES.has(status);
  const contactId = input.contactId ?? null;
  const reviewReason = input.reviewReason ?? null;
  const later = (seconds: number) => new Date(input.paidAt.getTime() + seconds * 1000);
  return db.payment.create({
    data: {
      organizationId: input.organizationId,
      accountId: input.accountId,
      providerPaymentId: input.providerPaymentId ?? `pay_${randomBytes(7).toString("hex")}`,
      providerOrderId: input.providerOrderId ?? `order_${randomBytes(7).toString("hex")}`,
      paymentLinkId: input.paymentLinkId ?? null,
      contactId,
      productId: contactId ? (input.productId ?? null) : null,
      agentId: contactId ? (input.agentId ?? null) : null,
      amountPaise: input.amountPaise,
      currency: input.currency ?? "INR",
      method: input.method === undefined ? "upi" : input.method,
      status,
      refundedPaise: input.refundedPaise ?? (status === "REFUNDED" ? input.amountPaise : 0n),
      paidAt: input.paidAt,
      authorizedAt: input.paidAt,
      capturedAt: captured ? later(2) : null,
      failedAt: status === "FAILED" ? later(1) : null,
      errorDescription: status === "FAILED" ? (input.errorDescription ?? "Payment was declined by the customer's bank.") : null,
      reviewReason,
      flaggedAt: reviewReason ? later(3) : null,
      countedAt: captured && contactId && !reviewReason ? later(3) : null,
      failureAnnouncedAt: status === "FAILED" && contactId ? later(3) : null,
    },
  });
}
