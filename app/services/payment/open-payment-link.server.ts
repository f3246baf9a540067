// A customer opening our short link (/p/:code): the open is counted (the agent sees "opened 2×, not
// paid"), the first one goes on the timeline, and they are sent on to the checkout. Link-preview
// fetchers (WhatsApp, Telegram, Facebook, Slack… reading the link to draw a preview) are not the
// customer and are not counted. No session: the code is the key, and it names one link only.
import type { PaymentLink, PrismaClient } from "~/generated/prisma/client";
import type { OrderCheckout } from "~/domain/payment/order-checkout";
import { paymentLinkStatusOf } from "~/domain/payment/payment-status";
import { systemActor } from "~/services/command.server";
import { recordContactEvents } from "~/services/contact-events.server";
import { publishLiveEvents } from "~/services/live-events.server";
import { ensureProviderPaymentLink } from "~/services/payment/ensure-provider-payment-link.server";
import { now } from "~/utils/clock";

const PREVIEW_FETCHERS = /whatsapp|facebookexternalhit|facebot|telegrambot|twitterbot|slackbot|discordbot|linkedinbot|skypeuripreview|googlebot|bingbot|embedly|preview/i;

export function isLinkPreviewFetcher(userAgent: string | null): boolean {
  return userAgent !== null && PREVIEW_FETCHERS.test(userAgent);
}

export type OpenedPaymentLink =
  | { kind: "checkout"; url: string }
  | { kind: "order"; checkout: OrderCheckout }
  | { kind: "done"; link: Pick<PaymentLink, "status" | "amountPaise" | "description" | "paidAt"> }
  | { kind: "unavailable"; reason: "not found" | "cancelled" | "expired" | "refused" };

/** A link paid (or paid and refunded) shows a receipt, not the checkout again. */
const FINISHED = new Set(["PAID", "REFUNDED"]);

export async function openPaymentLink(db: PrismaClient, { code, userAgent }: { code: string; userAgent: string | null }): Promise<OpenedPaymentLink> {
  const link = await db.paymentLink.findUnique({ where: { code } });
  if (!link) return { kind: "unavailable", reason: "not found" };
  if (FINISHED.has(link.status)) return { kind: "done", link };
  if (link.status === "CANCELLED" || link.cancelledAt) return { kind: "unavailable", reason: "cancelled" };
  if (link.providerError) return { kind: "unavailable", reason: "refused" };
  const at = now();
  if (link.status === "EXPIRED" || (link.expiresAt && link.expiresAt <= at)) return { kind: "unavailable", reason: "expired" };
  if (!isLinkPreviewFetcher(userAgent)) await countOpen(db, link, at);
  const checkout = await ensureProviderPaymentLink(db, { organizationId: link.organizationId, paymentLinkId: link.id });
  if ("gone" in checkout) return { kind: "unavailable", reason: checkout.gone };
  if ("orderId" in checkout) return { kind: "order", checkout: await orderCheckoutOf(db, link, checkout.orderId) };
  return { kind: "checkout", url: checkout.checkoutUrl };
}

async function orderCheckoutOf(db: PrismaClient, link: PaymentLink, orderId: string): Promise<OrderCheckout> {
  const { account, contact, organization } = await db.paymentLink.findUniqueOrThrow({
    where: { id: link.id },
    select: { account: true, contact: { select: { name: true, phone: true, email: true } }, organization: { select: { name: true } } },
  });
  return {
    code: link.code,
    orderId,
    amountPaise: link.amountPaise,
    description: link.description,
    payee: organization.name,
    customer: contact,
    provider: account.provider === "RAZORPAY" && account.keyId ? { kind: "razorpay", keyId: account.keyId } : { kind: "sandbox" },
  };
}

async function countOpen(db: PrismaClient, link: PaymentLink, at: Date) {
  await db.$transaction(async (tx) => {
    const [opened] = await tx.$queryRaw<Array<{ openCount: number }>>`
      UPDATE "PaymentLink" SET "openCount" = "openCount" + 1, "firstOpenedAt" = COALESCE("firstOpenedAt", ${at}), "lastOpenedAt" = ${at}, "updatedAt" = now()
       WHERE "id" = ${link.id}::uuid RETURNING "openCount"`;
    const updated = await tx.paymentLink.findUniqueOrThrow({ where: { id: link.id } });
    const totals = await tx.payment.aggregate({ where: { paymentLinkId: link.id, countedAt: { not: null } }, _sum: { refundedPaise: true } });
    const status = paymentLinkStatusOf({ ...updated, refundedPaise: totals._sum.refundedPaise ?? 0n });
    if (status !== updated.status) await tx.paymentLink.update({ where: { id: link.id }, data: { status } });
    if (opened?.openCount === 1) {
      await recordContactEvents(tx, link.organizationId, systemActor("Payment link"), [
        { contactId: link.contactId, type: "PAYMENT_LINK_OPENED", data: { paymentLinkId: link.id, amountPaise: link.amountPaise.toString() } },
      ]);
    }
    await publishLiveEvents(tx, link.organizationId, [
      { type: "payment.changed", paymentLinkId: link.id, paymentId: null, contactId: link.contactId, conversationId: link.conversationId },
    ]);
  });
}
