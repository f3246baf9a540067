// Asks the provider for a link's checkout, once: the payment_links_create job, and the customer's
// first open if that job has not run yet. The checkout is one of two kinds:
//   PAYMENT_LINK  a Razorpay payment link. The provider is first asked for a link with our reference id
//                 (the link's own id), so a create whose answer was lost is found instead of made twice.
//                 Its address is stored on the row; the customer only ever sees ours.
//   ORDER         a Razorpay order (receipt: the link's id), paid with Razorpay Checkout on our own link
//                 page. Razorpay cannot look an order up by receipt, so a create whose answer was lost
//                 makes a second order; only the first one stored is ever offered, so the other is
//                 never paid.
// A permanent refusal (Razorpay answering 4xx: a bad amount, a blocked account) is kept on the row with
// Razorpay's words, so the agent sees why, and the link is not offered; retryable errors throw, for the
// job to try again with backoff.
import type { Contact, PaymentAccount, PaymentLink, PrismaClient } from "~/generated/prisma/client";
import { ProviderError } from "~/providers/provider-error";
import { publishLiveEvents } from "~/services/live-events.server";
import { paymentsProviderForAccount } from "~/services/payment/payments-provider.server";
import { now } from "~/utils/clock";
import { appUrl } from "~/utils/env.server";

export type ProviderLinkOutcome =
  | { checkoutUrl: string }
  | { orderId: string }
  | { gone: "not found" | "cancelled" | "expired" | "refused" };

/** How much of the provider's words a refused link keeps (the column's size). */
const PROVIDER_ERROR_MAX = 500;

export async function ensureProviderPaymentLink(db: PrismaClient, { organizationId, paymentLinkId }: { organizationId: string; paymentLinkId: string }): Promise<ProviderLinkOutcome> {
  const link = await db.paymentLink.findFirst({ where: { organizationId, id: paymentLinkId }, include: { contact: true, account: true } });
  if (!link) return { gone: "not found" };
  if (link.checkout === "ORDER" && link.providerOrderId) return { orderId: link.providerOrderId };
  if (link.checkout === "PAYMENT_LINK" && link.checkoutUrl && link.providerLinkId) return { checkoutUrl: link.checkoutUrl };
  if (link.cancelledAt) return { gone: "cancelled" };
  if (link.providerError) return { gone: "refused" };
  try {
    return link.checkout === "ORDER" ? await ensureOrder(db, link) : await ensurePaymentLink(db, link);
  } catch (error) {
    if (!(error instanceof ProviderError) || error.retryable) throw error;
    await recordRefusal(db, link, error);
    return { gone: "refused" };
  }
}

type LinkWithParties = PaymentLink & { contact: Contact; account: PaymentAccount };

async function ensurePaymentLink(db: PrismaClient, link: LinkWithParties): Promise<ProviderLinkOutcome> {
  const { organizationId } = link;
  const provider = paymentsProviderForAccount(link.account);
  const findOurs = () => provider.findPaymentLinkByReference({ organizationId, referenceId: link.id });
  const create = () =>
    provider.createPaymentLink({
      organizationId,
      amountPaise: link.amountPaise,
      description: link.description,
      customer: { name: link.contact.name.slice(0, 120), phone: link.contact.phone ?? undefined, email: link.contact.email ?? undefined },
      referenceId: link.id,
      callbackUrl: `${appUrl().replace(/\/$/, "")}/p/${link.code}`,
      // Razorpay wants an expiry at least 15 minutes ahead; a link already past its own is not made.
      expireBy: link.expiresAt && link.expiresAt.getTime() > now().getTime() + 16 * 60_000 ? link.expiresAt : undefined,
    });
  // The job and the customer's first open can ask at once: the second create is refused for its
  // reference id, and the link the first one made is the answer.
  const created =
    (await findOurs()) ??
    (await create().catch(async (error: unknown) => {
      const madeMeanwhile = error instanceof ProviderError && !error.retryable ? await findOurs() : null;
      if (!madeMeanwhile) throw error;
      return madeMeanwhile;
    }));
  await db.paymentLink.updateMany({
    where: { id: link.id, providerLinkId: null },
    data: { providerLinkId: created.externalId, checkoutUrl: created.shortUrl },
  });
  const stored = await db.paymentLink.findUniqueOrThrow({ where: { id: link.id } });
  return { checkoutUrl: stored.checkoutUrl ?? created.shortUrl };
}

async function ensureOrder(db: PrismaClient, link: LinkWithParties): Promise<ProviderLinkOutcome> {
  const order = await paymentsProviderForAccount(link.account).createOrder({ organizationId: link.organizationId, amountPaise: link.amountPaise, receipt: link.id });
  await db.paymentLink.updateMany({ where: { id: link.id, providerOrderId: null }, data: { providerOrderId: order.externalId } });
  const stored = await db.paymentLink.findUniqueOrThrow({ where: { id: link.id } });
  return { orderId: stored.providerOrderId ?? order.externalId };
}

/** The provider's own words: "razorpay: order for <id>: Your account is not activated" says "Your account is not activated". */
function refusalReason(error: ProviderError): string {
  const words = error.message.replace(new RegExp(`^${error.provider}: `), "").replace(/^(order|payment link) for [^:]+: /, "");
  return words.slice(0, PROVIDER_ERROR_MAX);
}

async function recordRefusal(db: PrismaClient, link: PaymentLink, error: ProviderError) {
  const reason = refusalReason(error);
  await db.$transaction(async (tx) => {
    const changed = await tx.paymentLink.updateMany({ where: { id: link.id, providerError: null, providerLinkId: null, providerOrderId: null }, data: { providerError: reason } });
    if (changed.count === 0) return;
    await publishLiveEvents(tx, link.organizationId, [
      { type: "payment.changed", paymentLinkId: link.id, paymentId: null, contactId: link.contactId, conversationId: link.conversationId },
    ]);
  });
}
