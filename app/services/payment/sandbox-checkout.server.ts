// The sandbox's checkout page, for organizations without Razorpay keys: the customer sees the link's
// amount and what it is for, and pays (UPI, card), fails or walks away. Paying produces the webhooks
// Razorpay would send, signed with the account's own webhook secret; the page hands them to our
// webhook endpoint's own rules, so they take the same path as Razorpay's (verify, store, job).
import type { PrismaClient } from "~/generated/prisma/client";
import type { SandboxCheckoutResult } from "~/providers/payments/index.server";
import { sandboxProviderForAccount } from "~/services/payment/payments-provider.server";

const EXTERNAL_ID = /^plink_[0-9A-Za-z]{1,40}$/;

/** The link behind a sandbox checkout address; null for anything else (a Razorpay account's link included). */
export async function findSandboxCheckout(db: PrismaClient, { externalId }: { externalId: string }) {
  if (!EXTERNAL_ID.test(externalId)) return null;
  const link = await db.paymentLink.findFirst({ where: { providerLinkId: externalId }, include: { account: true, contact: { select: { name: true } } } });
  if (!link || link.account.provider !== "SANDBOX") return null;
  const sandboxLink = await sandboxProviderForAccount(link.account).fetchPaymentLink({ organizationId: link.organizationId, externalId });
  return { link, sandboxLink };
}

export type SandboxCheckoutOutcome = { result: SandboxCheckoutResult; accountId: string; code: string };

export async function completeSandboxCheckout(
  db: PrismaClient,
  { externalId, outcome, method }: { externalId: string; outcome: "captured" | "failed"; method: "upi" | "card" },
): Promise<SandboxCheckoutOutcome | null> {
  const found = await findSandboxCheckout(db, { externalId });
  if (!found) return null;
  const result = await sandboxProviderForAccount(found.link.account).completeCheckout({
    organizationId: found.link.organizationId,
    externalId,
    outcome,
    method,
    errorDescription: outcome === "failed" ? "The payment was declined by the customer's bank (sandbox)." : undefined,
  });
  return { result, accountId: found.link.accountId, code: found.link.code };
}
