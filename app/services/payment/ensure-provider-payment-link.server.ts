// Asks the provider for a link's checkout, once: the payment_links_create job, and the customer's
// first open if that job has not run yet. The provider is first asked for a link with our reference
// id (the link's own id), so a create whose answer was lost is found instead of made twice. The
// checkout's address is stored on the row; the customer only ever sees ours.
import type { PrismaClient } from "~/generated/prisma/client";
import { paymentsProviderForAccount } from "~/services/payment/payments-provider.server";
import { now } from "~/utils/clock";
import { appUrl } from "~/utils/env.server";

export type ProviderLinkOutcome = { checkoutUrl: string } | { gone: "not found" | "cancelled" | "expired" };

export async function ensureProviderPaymentLink(db: PrismaClient, { organizationId, paymentLinkId }: { organizationId: string; paymentLinkId: string }): Promise<ProviderLinkOutcome> {
  const link = await db.paymentLink.findFirst({ where: { organizationId, id: paymentLinkId }, include: { contact: true, account: true } });
  if (!link) return { gone: "not found" };
  if (link.checkoutUrl && link.providerLinkId) return { checkoutUrl: link.checkoutUrl };
  if (link.cancelledAt) return { gone: "cancelled" };
  const provider = paymentsProviderForAccount(link.account);
  const existing = await provider.findPaymentLinkByReference({ organizationId, referenceId: link.id });
  const created =
    existing ??
    (await provider.createPaymentLink({
      organizationId,
      amountPaise: link.amountPaise,
      description: link.description,
      customer: { name: link.contact.name.slice(0, 120), phone: link.contact.phone ?? undefined, email: link.contact.email ?? undefined },
      referenceId: link.id,
      callbackUrl: `${appUrl().replace(/\/$/, "")}/p/${link.code}`,
      // Razorpay wants an expiry at least 15 minutes ahead; a link already past its own is not made.
      expireBy: link.expiresAt && link.expiresAt.getTime() > now().getTime() + 16 * 60_000 ? link.expiresAt : undefined,
    }));
  await db.paymentLink.updateMany({
    where: { id: link.id, providerLinkId: null },
    data: { providerLinkId: created.externalId, checkoutUrl: created.shortUrl },
  });
  const stored = await db.paymentLink.findUniqueOrThrow({ where: { id: link.id } });
  return { checkoutUrl: stored.checkoutUrl ?? created.shortUrl };
}
