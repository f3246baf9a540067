// The sandbox's checkout page, for organizations without Razorpay keys: the customer sees the link's
// amount and what it is for, and pays (UPI, card), fails or walks away. Paying produces the webhooks
// Razorpay would send, signed with the account's own webhook secret; the page hands them to our
// webhook endpoint's own rules, so they take the same path as Razorpay's (verify, store, job).
import type { PrismaClient } from "~/generated/prisma/client";
import type { SandboxCheckoutResult } from "~/providers/payments/index.server";
import { sandboxProviderForAccount } from "~/services/payment/payments-provider.server";
import { now } from "~/utils/clock";

const LINK_ID = /^plink_[0-9A-Za-z]{1,40}$/;
const ORDER_ID = /^order_[0-9A-Za-z]{1,40}$/;

/** A sandbox checkout in one shape, for a payment link or an order: what it asks and whether it can still be paid. */
export type SandboxCheckoutView = { amountPaise: bigint; payable: boolean; status: string };

/**
 * The link behind a sandbox checkout address (its plink_…, or the order_… of a link of the order flow);
 * null for anything else (a Razorpay account's link or order included).
 */
export async function findSandboxCheckout(db: PrismaClient, { externalId }: { externalId: string }) {
  const isOrder = ORDER_ID.test(externalId);
  if (!isOrder && !LINK_ID.test(externalId)) return null;
  const link = await db.paymentLink.findFirst({
    where: isOrder ? { providerOrderId: externalId, checkout: "ORDER" } : { providerLinkId: externalId },
    include: { account: true, contact: { select: { name: true } } },
  });
  if (!link || link.account.provider !== "SANDBOX") return null;
  const provider = sandboxProviderForAccount(link.account);
  const ref = { organizationId: link.organizationId, externalId };
  const view: SandboxCheckoutView = isOrder
    ? await provider.fetchOrder(ref).then((order) => ({ amountPaise: order.amountPaise, status: order.status, payable: order.status !== "paid" && !link.cancelledAt && !(link.expiresAt && link.expiresAt <= now()) }))
    : await provider.fetchPaymentLink(ref).then((plink) => ({ amountPaise: plink.amountPaise, status: plink.status, payable: plink.status === "created" || plink.status === "partially_paid" }));
  return { link, view };
}

export type SandboxCheckoutOutcome = { result: SandboxCheckoutResult; accountId: string; code: string };

/** Why a sandbox payment cannot be made now, in the customer's words. */
export class SandboxCheckoutClosed extends Error {}

export async function completeSandboxCheckout(
  db: PrismaClient,
  { externalId, outcome, method }: { externalId: string; outcome: "captured" | "failed"; method: "upi" | "card" },
): Promise<SandboxCheckoutOutcome | null> {
  const found = await findSandboxCheckout(db, { externalId });
  if (!found) return null;
  if (!found.view.payable) throw new SandboxCheckoutClosed(`This payment is ${found.view.status.replace("_", " ")}; there is nothing to pay.`);
  const result = await sandboxProviderForAccount(found.link.account).completeCheckout({
    organizationId: found.link.organizationId,
    externalId,
    outcome,
    method,
    errorDescription: outcome === "failed" ? "The payment was declined by the customer's bank (sandbox)." : undefined,
  });
  return { result, accountId: found.link.accountId, code: found.link.code };
}
