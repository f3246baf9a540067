// Demo payments: a sandbox payment account and a handful of payment links as the Razorpay pipeline
// leaves them once their webhooks are applied — four paid, one paid and refunded in full, one whose
// payment failed — written as rows: each link with its payment (countedAt set when it counts), the
// refund, the timeline entries at the times they happened, the payers converted, and each contact's
// totals recomputed from its counted payments the way the pipeline computes them.
import { randomBytes } from "node:crypto";
import type { PaymentStatus } from "../app/generated/prisma/enums";
import type { PrismaClient } from "../app/generated/prisma/client";
import { findOrCreatePaymentAccount } from "../app/models/payment-account.server";
import { recomputeContactPaymentTotals } from "../app/models/payment.server";
import { newPaymentLinkCode } from "../app/services/payment/create-payment-link.server";
import { now as clockNow } from "../app/utils/clock";
import { createPayment } from "./factories-payments";
import type { WorkspaceSeedContext } from "./seed-workspace";

const DAY = 86_400_000;
const RAZORPAY = "Razorpay";

type DemoPayment = {
  /** Which seeded contact pays (its position among the demo contacts). */
  contact: number;
  product: string;
  /** Who made the link: 0 the owner, 1 and 2 the agents. */
  madeBy: 0 | 1 | 2;
  daysAgo: number;
  method: "upi" | "card" | "netbanking";
  outcome: "paid" | "refunded" | "failed";
};

const DEMO_PAYMENTS: DemoPayment[] = [
  { contact: 2, product: "Nifty Trend Rider", madeBy: 1, daysAgo: 1.2, method: "upi", outcome: "paid" },
  { contact: 7, product: "BankNifty Scalper Pro", madeBy: 2, daysAgo: 4.5, method: "card", outcome: "paid" },
  { contact: 11, product: "Lifetime All-Access", madeBy: 0, daysAgo: 9.1, method: "netbanking", outcome: "paid" },
  { contact: 16, product: "Sensex Swing Suite", madeBy: 1, daysAgo: 16.3, method: "upi", outcome: "paid" },
  { contact: 23, product: "Nifty Options Suite", madeBy: 2, daysAgo: 21.7, method: "upi", outcome: "refunded" },
  { contact: 29, product: "BankNifty Scalper Pro", madeBy: 1, daysAgo: 0.4, method: "upi", outcome: "failed" },
];

const id = (prefix: string) => `${prefix}${randomBytes(7).toString("hex")}`;

export async function seedPayments(db: PrismaClient, context: WorkspaceSeedContext) {
  const { organizationId } = context;
  const account = await findOrCreatePaymentAccount(db, { organizationId });
  const products = new Map((await db.product.findMany({ where: { organizationId } })).map((product) => [product.name, product]));
  const makers = [context.ownerId, ...context.agentIds];
  const at = clockNow().getTime();
  const payers = new Set<string>();

  for (const demo of DEMO_PAYMENTS) {
    const product = products.get(demo.product);
    const contactId = context.contactIds[demo.contact % context.contactIds.length]!;
    if (!product) continue;
    const createdById = makers[demo.madeBy] ?? context.ownerId;
    const paidAt = new Date(at - demo.daysAgo * DAY);
    const createdAt = new Date(paidAt.getTime() - 3 * 3_600_000);
    const providerOrderId = id("order_");
    const paid = demo.outcome !== "failed";
    const link = await db.paymentLink.create({
      data: {
        organizationId,
        accountId: account.id,
        contactId,
        productId: product.id,
        createdById,
        code: newPaymentLinkCode(),
        providerLinkId: id("plink_"),
        providerOrderId,
        amountPaise: product.pricePaise,
        description: product.name,
        status: demo.outcome === "paid" ? "PAID" : demo.outcome === "refunded" ? "REFUNDED" : "FAILED",
        amountPaidPaise: paid ? product.pricePaise : 0n,
        openCount: demo.outcome === "failed" ? 2 : 1,
        firstOpenedAt: new Date(paidAt.getTime() - 60_000),
        lastOpenedAt: new Date(paidAt.getTime() - 30_000),
        expiresAt: new Date(createdAt.getTime() + 7 * DAY),
        paidAt: paid ? new Date(paidAt.getTime() + 2_000) : null,
        lastFailedAt: paid ? null : new Date(paidAt.getTime() + 1_000),
        createdAt,
      },
    });
    const status: PaymentStatus = demo.outcome === "paid" ? "CAPTURED" : demo.outcome === "refunded" ? "REFUNDED" : "FAILED";
    const payment = await createPayment(db, {
      organizationId,
      accountId: account.id,
      paymentLinkId: link.id,
      providerOrderId,
      contactId,
      productId: product.id,
      agentId: createdById,
      amountPaise: product.pricePaise,
      status,
      method: demo.method,
      paidAt,
    });
    const base = { paymentId: payment.id, paymentLinkId: link.id, paymentOrderId: null, providerPaymentId: payment.providerPaymentId, amountPaise: payment.amountPaise.toString() };
    const events: Array<{ type: string; data: Record<string, unknown>; createdAt: Date }> = [];
    if (paid) {
      payers.add(contactId);
      events.push({ type: "PAYMENT_RECEIVED", data: { ...base, method: demo.method }, createdAt: payment.countedAt! });
    } else {
      events.push({ type: "PAYMENT_FAILED", data: { ...base, reason: payment.errorDescription }, createdAt: payment.failureAnnouncedAt! });
    }
    if (demo.outcome === "refunded") {
      const processedAt = new Date(paidAt.getTime() + 2 * DAY);
      const refund = await db.refund.create({
        data: {
          organizationId,
          accountId: account.id,
          providerRefundId: id("rfnd_"),
          providerPaymentId: payment.providerPaymentId,
          amountPaise: payment.amountPaise,
          status: "PROCESSED",
          processedAt,
          announcedAt: processedAt,
        },
      });
      events.push({ type: "PAYMENT_REFUNDED", data: { ...base, refundId: refund.providerRefundId }, createdAt: processedAt });
    }
    await db.contactEvent.createMany({
      data: events.map((event) => ({ organizationId, contactId, type: event.type, actorLabel: RAZORPAY, data: event.data as object, createdAt: event.createdAt })),
    });
  }

  // What the pipeline does once a payment counts: the payer is converted and their totals follow.
  for (const contactId of payers) {
    await db.contact.update({ where: { id: contactId }, data: { stage: "CONVERTED" } });
    await recomputeContactPaymentTotals(db, { organizationId, contactId });
  }
  return { accountId: account.id, payers: [...payers] };
}
