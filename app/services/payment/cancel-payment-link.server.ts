// An agent cancelling a link that is not paid: the provider's link is cancelled first (so the customer
// can no longer pay it), then ours is marked, with its timeline entry and live event. A link already
// paid, or already at an end, is refused with the reason.
import { TRPCError } from "@trpc/server";
import type { PrismaClient } from "~/generated/prisma/client";
import { paymentLinkStatusOf } from "~/domain/payment/payment-status";
import { PAYMENT_LINK_STATUS_LABELS } from "~/domain/payment/payment-status";
import type { CommandContext } from "~/services/command.server";
import { recordContactEvents } from "~/services/contact-events.server";
import { publishLiveEvents } from "~/services/live-events.server";
import { paymentsProviderForAccount } from "~/services/payment/payments-provider.server";
import { now } from "~/utils/clock";

const CANCELLABLE = new Set(["CREATED", "OPENED", "FAILED"]);

export async function cancelPaymentLink(db: PrismaClient, context: CommandContext, { id }: { id: string }) {
  const { organizationId } = context;
  const link = await db.paymentLink.findFirst({ where: { organizationId, id }, include: { account: true } });
  if (!link) throw new TRPCError({ code: "NOT_FOUND", message: "That payment link doesn't exist." });
  if (!CANCELLABLE.has(link.status)) {
    throw new TRPCError({ code: "CONFLICT", message: `This link is ${PAYMENT_LINK_STATUS_LABELS[link.status].toLowerCase()}; only an unpaid link can be cancelled.` });
  }
  // The effect first: if the provider refuses (it was paid a moment ago), ours stays as it is.
  if (link.providerLinkId) await paymentsProviderForAccount(link.account).cancelPaymentLink({ organizationId, externalId: link.providerLinkId });
  return db.$transaction(async (tx) => {
    const at = now();
    const [locked] = await tx.$queryRaw<Array<{ id: string }>>`SELECT "id" FROM "PaymentLink" WHERE "id" = ${link.id}::uuid FOR UPDATE`;
    const current = locked ? await tx.paymentLink.findUniqueOrThrow({ where: { id: link.id } }) : null;
    if (!current || !CANCELLABLE.has(current.status)) throw new TRPCError({ code: "CONFLICT", message: "This link changed meanwhile; reload to see it." });
    const status = paymentLinkStatusOf({ ...current, cancelledAt: at, refundedPaise: 0n });
    const updated = await tx.paymentLink.update({ where: { id: link.id }, data: { cancelledAt: at, status } });
    await recordContactEvents(tx, organizationId, context.actor, [
      { contactId: link.contactId, type: "PAYMENT_LINK_CANCELLED", data: { paymentLinkId: link.id, amountPaise: link.amountPaise.toString() } },
    ]);
    await publishLiveEvents(tx, organizationId, [
      { type: "payment.changed", paymentLinkId: link.id, paymentId: null, contactId: link.contactId, conversationId: link.conversationId },
    ]);
    return updated;
  });
}
