// Builders for payment accounts and links, shared by tests and benchmarks. They write rows straight
// to the database (no timeline, no live event, no provider call).
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "../app/generated/prisma/client";
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
