// Applies one Razorpay event (already verified and stored) to our books: the work of the
// payments_apply_events job. An event is read as facts (razorpay-event.ts) and merged into the link,
// the order, the payment and the refund it is about; then everything that follows from the facts is
// worked out again: which link or order the payment belongs to, whether it counts (captured, matched,
// not flagged), the link's status, the contact's totals. Whatever happens once (the timeline entry,
// the stage change, the owner's notification, the PAYMENT_RECEIVED domain event) happens when its
// condition first becomes true, whichever event made it so, under the payment's lock: so every order
// of the same events, and every repeat, ends in the same books with each effect once.
import type { PaymentAccount, Payment, PaymentLink, PaymentOrder } from "~/generated/prisma/client";
import { paymentLinkStatusOf, paymentStatusOf } from "~/domain/payment/payment-status";
import type { RazorpayEventFacts } from "~/domain/payment/razorpay-event";
import {
  findPaymentLinkById,
  findPaymentOrderById,
  findPaymentTargetByOrder,
  findUnmatchedPaymentsOfOrder,
  lockPayment,
  lockPaymentByProviderId,
  lockPaymentLink,
  lockPaymentSubject,
  markRefundsAnnounced,
  mergePaymentFacts,
  mergePaymentLinkFacts,
  mergePaymentOrderFacts,
  mergeRefundFacts,
  paymentTotalsOfLink,
  recomputeContactPaymentTotals,
  recordDomainEvent,
  refundsOfPayment,
} from "~/models/payment.server";
import { systemActor, type CommandTx } from "~/services/command.server";
import { recordContactEvents } from "~/services/contact-events.server";
import { changeStage } from "~/services/contact/change-stage.server";
import { enqueueJob, jobKey } from "~/services/jobs.server";
import { publishLiveEvents } from "~/services/live-events.server";
import { notify } from "~/services/notification/notify.server";
import type { PublishedLiveEvent } from "~/utils/live-event";
import { formatAmount } from "~/domain/payment/money";
import { now } from "~/utils/clock";

type Account = Pick<PaymentAccount, "id" | "organizationId" | "churnOnFullRefund">;

export const RAZORPAY_ACTOR = systemActor("Razorpay");

/** What applying an event changed, for the live events published (in one statement) at the end. */
type Touched = {
  /** Links to settle again at the end. */
  links: Set<string>;
  payments: Set<string>;
  contacts: Set<string>;
  /** The live events of links whose paid amount or status changed. */
  linkEvents: PublishedLiveEvent[];
};

function nothingTouched(): Touched {
  return { links: new Set(), payments: new Set(), contacts: new Set(), linkEvents: [] };
}

/** Applies an event's facts. Call inside a transaction; the caller marks the stored event processed. */
export async function applyRazorpayEvent(tx: CommandTx, account: Account, facts: RazorpayEventFacts): Promise<void> {
  const subject = facts.payment?.providerPaymentId ?? facts.refund?.providerPaymentId ?? facts.link?.providerLinkId ?? facts.order?.providerOrderId;
  if (!subject) return;
  await lockPaymentSubject(tx, { accountId: account.id, subject });
  const touched = nothingTouched();

  const link = facts.link ? await mergePaymentLinkFacts(tx, account, facts.link) : null;
  if (link) touched.links.add(link.id);
  const order = facts.order ? await mergePaymentOrderFacts(tx, account, facts.order) : null;
  if (facts.refund) await mergeRefundFacts(tx, account, facts.refund);

  const payment = facts.payment
    ? await mergePaymentFacts(tx, account, facts.payment)
    : facts.refund
      ? await lockPaymentByProviderId(tx, { accountId: account.id, providerPaymentId: facts.refund.providerPaymentId })
      : null;
  if (payment) await settlePayment(tx, account, payment, { linkId: link?.id ?? null, orderId: order?.id ?? null }, touched);
  // A link that has just told us its order id may have payments that arrived before it did.
  if (link && facts.link?.providerOrderId) {
    const waiting = await findUnmatchedPaymentsOfOrder(tx, { accountId: account.id, providerOrderId: facts.link.providerOrderId });
    if (waiting.length > 0) {
      await enqueueJob(tx, "payments_match_order", { accountId: account.id, providerOrderId: facts.link.providerOrderId }, {
        jobKey: jobKey("payments_match_order", `${account.id}:${facts.link.providerOrderId}`),
      });
    }
  }
  for (const linkId of touched.links) await settlePaymentLink(tx, account, linkId, touched);
  await publishTouched(tx, account.organizationId, touched);
}

/**
 * Matches the payments of an order id that arrived before their link told it (the payments_match_order
 * job), each under its own payment's lock.
 */
export async function matchPaymentsOfOrder(tx: CommandTx, account: Account, providerOrderId: string): Promise<number> {
  const waiting = await findUnmatchedPaymentsOfOrder(tx, { accountId: account.id, providerOrderId });
  const touched = nothingTouched();
  for (const payment of waiting) {
    await lockPaymentSubject(tx, { accountId: account.id, subject: payment.providerPaymentId });
    const locked = await lockPayment(tx, { accountId: account.id, id: payment.id });
    if (locked) await settlePayment(tx, account, locked, { linkId: null, orderId: null }, touched);
  }
  for (const linkId of touched.links) await settlePaymentLink(tx, account, linkId, touched);
  await publishTouched(tx, account.organizationId, touched);
  return waiting.length;
}

async function publishTouched(tx: CommandTx, organizationId: string, touched: Touched) {
  const events: PublishedLiveEvent[] = [...touched.linkEvents];
  for (const contactId of touched.contacts) events.push({ type: "contact.changed", contactIds: [contactId] });
  for (const paymentId of touched.payments) events.push({ type: "payment.changed", paymentId, paymentLinkId: null, contactId: null, conversationId: null });
  if (events.length > 0) await publishLiveEvents(tx, organizationId, events);
}

/** Why a payment matched to a link or order does not count: a currency or an amount other than asked. */
function reviewReasonOf(payment: Pick<Payment, "amountPaise" | "currency">, target: { amountPaise: bigint; currency: string }): string | null {
  if (payment.currency !== target.currency) return `Paid in ${payment.currency}, but the link or order asked for ${target.currency}; not counted until someone checks it.`;
  if (payment.amountPaise !== target.amountPaise) {
    return `Paid ${formatAmount(payment.amountPaise)}, but the link or order asked for ${formatAmount(target.amountPaise)}; not counted until someone checks it.`;
  }
  return null;
}

async function targetOf(tx: CommandTx, account: Account, payment: Payment, hint: { linkId: string | null; orderId: string | null }) {
  if (payment.paymentLinkId) return { link: await findPaymentLinkById(tx, { accountId: account.id, id: payment.paymentLinkId }), order: null };
  if (payment.paymentOrderId) return { link: null, order: await findPaymentOrderById(tx, { accountId: account.id, id: payment.paymentOrderId }) };
  // The event that carried this payment named its link or order.
  if (hint.linkId) return { link: await findPaymentLinkById(tx, { accountId: account.id, id: hint.linkId }), order: null };
  if (hint.orderId) return { link: null, order: await findPaymentOrderById(tx, { accountId: account.id, id: hint.orderId }) };
  if (payment.providerOrderId) return (await findPaymentTargetByOrder(tx, { accountId: account.id, providerOrderId: payment.providerOrderId })) ?? { link: null, order: null };
  return { link: null, order: null };
}

/** Works out again everything that follows from a payment's facts (the row, locked), and does what has become due. */
async function settlePayment(tx: CommandTx, account: Account, payment: Payment, hint: { linkId: string | null; orderId: string | null }, touched: Touched) {
  const { link, order } = await targetOf(tx, account, payment, hint);
  const target: PaymentLink | PaymentOrder | null = link ?? order;
  const refunds = await refundsOfPayment(tx, { accountId: account.id, providerPaymentId: payment.providerPaymentId });
  const refundedPaise = refunds.filter((refund) => refund.status === "PROCESSED").reduce((sum, refund) => sum + refund.amountPaise, 0n);
  const reviewReason = target ? reviewReasonOf(payment, target) : null;
  const contactId = target?.contactId ?? null;
  const counts = payment.capturedAt !== null && contactId !== null && reviewReason === null;
  const at = now();
  const newlyCounted = counts && payment.countedAt === null;
  const newlyFailed = payment.failedAt !== null && payment.capturedAt === null && contactId !== null && payment.failureAnnouncedAt === null;
  const newlyFlagged = reviewReason !== null && payment.flaggedAt === null;
  const settledFacts = {
    paymentLinkId: link?.id ?? null,
    paymentOrderId: order?.id ?? null,
    contactId,
    productId: target?.productId ?? null,
    agentId: target?.createdById ?? null,
    refundedPaise,
    reviewReason,
    status: paymentStatusOf({ capturedAt: payment.capturedAt, failedAt: payment.failedAt, amountPaise: payment.amountPaise, refundedPaise }),
  };
  // Most repeats and late events change nothing here: the row (and its daily-total trigger) is left alone.
  const unchanged = !newlyCounted && !newlyFailed && !newlyFlagged && sameSettledFacts(payment, settledFacts);
  const settled = unchanged
    ? payment
    : await tx.payment.update({
        where: { id: payment.id },
        data: {
          ...settledFacts,
          ...(newlyCounted ? { countedAt: at } : {}),
          ...(newlyFailed ? { failureAnnouncedAt: at } : {}),
          ...(newlyFlagged ? { flaggedAt: at } : {}),
        },
      });
  touched.payments.add(settled.id);
  if (link) touched.links.add(link.id);
  if (!contactId) return;
  touched.contacts.add(contactId);

  const events: Parameters<typeof recordContactEvents>[3] = [];
  const base = { paymentId: settled.id, paymentLinkId: link?.id ?? null, paymentOrderId: order?.id ?? null, providerPaymentId: settled.providerPaymentId };
  if (newlyCounted) events.push({ contactId, type: "PAYMENT_RECEIVED", data: { ...base, amountPaise: settled.amountPaise.toString(), method: settled.method } });
  if (newlyFailed) events.push({ contactId, type: "PAYMENT_FAILED", data: { ...base, amountPaise: settled.amountPaise.toString(), reason: settled.errorDescription } });
  if (newlyFlagged) events.push({ contactId, type: "PAYMENT_FLAGGED", data: { ...base, amountPaise: settled.amountPaise.toString(), reason: reviewReason } });
  // A processed refund goes on the timeline once its payment counts, whichever came first.
  const refundsDue = settled.countedAt ? refunds.filter((refund) => refund.status === "PROCESSED" && refund.announcedAt === null) : [];
  for (const refund of refundsDue) {
    events.push({ contactId, type: "PAYMENT_REFUNDED", data: { ...base, refundId: refund.providerRefundId, amountPaise: refund.amountPaise.toString() } });
  }
  await recordContactEvents(tx, account.organizationId, RAZORPAY_ACTOR, events);
  await markRefundsAnnounced(tx, { ids: refundsDue.map((refund) => refund.id), at });

  // A payment that does not count adds nothing to its contact's totals (and a counted one stays counted).
  if (settled.countedAt === null) return;
  const totals = await recomputeContactPaymentTotals(tx, { organizationId: account.organizationId, contactId });
  const context = { organizationId: account.organizationId, actor: RAZORPAY_ACTOR };
  if (newlyCounted) {
    await changeStage(tx, context, { contactId, stage: "CONVERTED" });
    await recordDomainEvent(tx, {
      organizationId: account.organizationId,
      kind: "PAYMENT_RECEIVED",
      subjectId: settled.id,
      contactId,
      data: { ...base, amountPaise: settled.amountPaise.toString(), productId: settled.productId },
      occurredAt: settled.capturedAt!,
    });
    await notifyOwnerOfPayment(tx, account.organizationId, contactId, settled, target);
  }
  // A full refund of the contact's only payment: churned, when the organization asks for it.
  const fullyRefundedNow = refundsDue.length > 0 && settled.refundedPaise >= settled.amountPaise;
  if (fullyRefundedNow && account.churnOnFullRefund && totals.counted === 1 && totals.refundedInFull === 1) {
    await changeStage(tx, context, { contactId, stage: "CHURNED" });
  }
}

type SettledFacts = Pick<Payment, "paymentLinkId" | "paymentOrderId" | "contactId" | "productId" | "agentId" | "refundedPaise" | "reviewReason" | "status">;

/** Whether the payment already holds what settling it worked out. */
function sameSettledFacts(payment: Payment, facts: SettledFacts): boolean {
  return (Object.keys(facts) as Array<keyof SettledFacts>).every((key) => payment[key] === facts[key]);
}

async function notifyOwnerOfPayment(tx: CommandTx, organizationId: string, contactId: string, payment: Payment, target: PaymentLink | PaymentOrder | null) {
  const contact = await tx.contact.findFirst({ where: { organizationId, id: contactId }, select: { name: true, ownerId: true } });
  const userId = contact?.ownerId ?? target?.createdById ?? null;
  if (!contact || !userId) return;
  await notify(tx, {
    organizationId,
    userId,
    kind: "PAYMENT_RECEIVED",
    title: `${formatAmount(payment.amountPaise)} received from ${contact.name}`,
    body: target && "description" in target ? target.description : "",
    url: `/contacts/${contactId}`,
  });
}

/** A link's paid amount and status again from its facts and its counted payments; the timeline hears of its end. */
async function settlePaymentLink(tx: CommandTx, account: Account, linkId: string, touched: Touched) {
  const link = await lockPaymentLink(tx, { accountId: account.id, id: linkId });
  if (!link) return;
  const totals = await paymentTotalsOfLink(tx, { linkId });
  const amountPaidPaise = totals.paid > link.amountPaidPaise ? totals.paid : link.amountPaidPaise;
  const paidAt = [link.paidAt, totals.paid >= link.amountPaise ? totals.firstCapturedAt : null]
    .filter((value): value is Date => value !== null)
    .reduce<Date | null>((earliest, value) => (earliest === null || value < earliest ? value : earliest), null);
  const lastFailedAt = [link.lastFailedAt, totals.lastFailedAt].filter((value): value is Date => value !== null).reduce<Date | null>((latest, value) => (latest === null || value > latest ? value : latest), null);
  const status = paymentLinkStatusOf({ ...link, amountPaidPaise, paidAt, lastFailedAt, refundedPaise: totals.refunded });
  if (status === link.status && amountPaidPaise === link.amountPaidPaise && paidAt?.getTime() === link.paidAt?.getTime() && lastFailedAt?.getTime() === link.lastFailedAt?.getTime()) return;
  await tx.paymentLink.update({ where: { id: link.id }, data: { amountPaidPaise, paidAt, lastFailedAt, status } });
  touched.contacts.add(link.contactId);
  if (status !== link.status && (status === "EXPIRED" || status === "CANCELLED")) {
    await recordContactEvents(tx, account.organizationId, RAZORPAY_ACTOR, [
      { contactId: link.contactId, type: status === "EXPIRED" ? "PAYMENT_LINK_EXPIRED" : "PAYMENT_LINK_CANCELLED", data: { paymentLinkId: link.id, amountPaise: link.amountPaise.toString() } },
    ]);
  }
  touched.linkEvents.push({ type: "payment.changed", paymentLinkId: link.id, paymentId: null, contactId: link.contactId, conversationId: link.conversationId });
}
