// The payment pipeline reads its rows with raw locking statements (one round trip each); a row read
// that way must be exactly the row Prisma reads, types included (BigInt, Date, enums), or a comparison
// with it would silently see a change that is not there, or miss one that is.
import { expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { lockPayment, lockPaymentByProviderId, lockPaymentLink, mergePaymentFacts } from "~/models/payment.server";
import { createContact, createOrganization } from "../../prisma/factories";
import { createPayment, createPaymentAccount, createPaymentLink } from "../../prisma/factories-payments";

async function world() {
  const { organization, owner } = await createOrganization(prisma);
  const contact = await createContact(prisma, { organizationId: organization.id });
  const { account } = await createPaymentAccount(prisma, { organizationId: organization.id });
  const link = await createPaymentLink(prisma, { organizationId: organization.id, accountId: account.id, contactId: contact.id, amountPaise: 499_900n, createdById: owner.id });
  const payment = await createPayment(prisma, {
    organizationId: organization.id,
    accountId: account.id,
    paidAt: new Date("2026-12-01T10:00:00Z"),
    amountPaise: 499_900n,
    refundedPaise: 100_000n,
    status: "PARTIALLY_REFUNDED",
    contactId: contact.id,
    paymentLinkId: link.id,
    reviewReason: null,
  });
  return { organization, account, link, payment };
}

test("a locked link and a locked payment (by our id or Razorpay's) are the rows Prisma reads", async () => {
  const w = await world();
  await prisma.$transaction(async (tx) => {
    expect(await lockPaymentLink(tx, { accountId: w.account.id, id: w.link.id })).toEqual(await tx.paymentLink.findUniqueOrThrow({ where: { id: w.link.id } }));
    const asPrismaReadsIt = await tx.payment.findUniqueOrThrow({ where: { id: w.payment.id } });
    expect(await lockPayment(tx, { accountId: w.account.id, id: w.payment.id })).toEqual(asPrismaReadsIt);
    expect(await lockPaymentByProviderId(tx, { accountId: w.account.id, providerPaymentId: w.payment.providerPaymentId })).toEqual(asPrismaReadsIt);
  });
});

test("a merge answers the payment as it now is; another account's ids find nothing", async () => {
  const w = await world();
  const other = await world();
  await prisma.$transaction(async (tx) => {
    const merged = await mergePaymentFacts(tx, w.account, {
      providerPaymentId: w.payment.providerPaymentId,
      providerOrderId: null,
      amountPaise: 499_900n,
      currency: "INR",
      method: "card",
      paidAt: w.payment.paidAt,
      authorizedAt: null,
      capturedAt: new Date("2026-12-01T09:00:00Z"),
      failedAt: null,
      errorDescription: null,
    });
    const asPrismaReadsIt = await tx.payment.findUniqueOrThrow({ where: { id: w.payment.id } });
    expect(merged).toEqual(asPrismaReadsIt);
    // The earliest capture told wins; the method first known is kept.
    expect(merged).toMatchObject({ capturedAt: new Date("2026-12-01T09:00:00Z"), method: "upi", refundedPaise: 100_000n, status: "PARTIALLY_REFUNDED" });

    expect(await lockPaymentLink(tx, { accountId: w.account.id, id: other.link.id })).toBeNull();
    expect(await lockPayment(tx, { accountId: w.account.id, id: other.payment.id })).toBeNull();
    expect(await lockPaymentByProviderId(tx, { accountId: w.account.id, providerPaymentId: other.payment.providerPaymentId })).toBeNull();
  });
});
