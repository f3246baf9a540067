// Two organizations with payments for the payments page's tests: A with one of each role, contacts,
// products and a spread of payments (paid, partly refunded, refunded, failed, authorized, flagged,
// unmatched); B with its own, which A must never see.
import { prisma } from "~/utils/db.server";
import { callerFor } from "~/testing/caller";
import { addMember, createContact, createOrganization, createProduct } from "../../../../prisma/factories";
import { createPayment, createPaymentAccount } from "../../../../prisma/factories-payments";

export const AT = (iso: string) => new Date(iso);

export async function paymentWorld() {
  const a = await createOrganization(prisma, { name: "Pay A", owner: { name: "Neha Kapoor" } });
  const b = await createOrganization(prisma, { name: "Pay B", owner: { name: "Bina Owner" } });
  const organizationId = a.organization.id;
  const manager = (await addMember(prisma, { organizationId, role: "MANAGER", user: { name: "Priya Manager" } })).user;
  const agent = (await addMember(prisma, { organizationId, role: "AGENT", user: { name: "Aisha Khan" } })).user;
  const otherAgent = (await addMember(prisma, { organizationId, role: "AGENT", user: { name: "Rohit Verma" } })).user;
  const viewer = (await addMember(prisma, { organizationId, role: "VIEWER", user: { name: "Vikram Viewer" } })).user;
  const bAgent = (await addMember(prisma, { organizationId: b.organization.id, role: "AGENT", user: { name: "Bob B" } })).user;

  const ananya = await createContact(prisma, { organizationId, name: "Ananya Sharma", phone: "+919876500011", ownerId: agent.id });
  const kavya = await createContact(prisma, { organizationId, name: "Kavya Iyer", phone: "+919876500022", ownerId: otherAgent.id });
  const scalper = await createProduct(prisma, { organizationId, name: "BankNifty Scalper Pro", pricePaise: 499_900n });
  const suite = await createProduct(prisma, { organizationId, name: "Nifty Options Suite", pricePaise: 999_900n });
  const { account } = await createPaymentAccount(prisma, { organizationId });

  const bContact = await createContact(prisma, { organizationId: b.organization.id, name: "Bina Secret", phone: "+919876500099" });
  const bProduct = await createProduct(prisma, { organizationId: b.organization.id, name: "B Secret Indicator", pricePaise: 777_700n });
  const { account: bAccount } = await createPaymentAccount(prisma, { organizationId: b.organization.id });

  const pay = (input: Omit<Parameters<typeof createPayment>[1], "organizationId" | "accountId">) => createPayment(prisma, { organizationId, accountId: account.id, ...input });
  const payments = {
    paid: await pay({ paidAt: AT("2026-11-20T10:00:00.000Z"), amountPaise: 499_900n, contactId: ananya.id, productId: scalper.id, agentId: agent.id, method: "upi" }),
    partlyRefunded: await pay({
      paidAt: AT("2026-11-18T09:30:00.000Z"),
      amountPaise: 999_900n,
      status: "PARTIALLY_REFUNDED",
      refundedPaise: 200_000n,
      contactId: kavya.id,
      productId: suite.id,
      agentId: otherAgent.id,
      method: "card",
    }),
    refunded: await pay({ paidAt: AT("2026-11-15T12:00:00.000Z"), amountPaise: 499_900n, status: "REFUNDED", contactId: ananya.id, productId: scalper.id, agentId: agent.id }),
    failed: await pay({ paidAt: AT("2026-11-19T08:00:00.000Z"), amountPaise: 999_900n, status: "FAILED", contactId: kavya.id, productId: suite.id, agentId: otherAgent.id, method: "netbanking" }),
    authorized: await pay({ paidAt: AT("2026-11-17T07:00:00.000Z"), amountPaise: 499_900n, status: "AUTHORIZED", contactId: ananya.id, productId: scalper.id, agentId: agent.id }),
    flagged: await pay({
      paidAt: AT("2026-11-16T06:00:00.000Z"),
      amountPaise: 399_900n,
      contactId: kavya.id,
      productId: scalper.id,
      agentId: agent.id,
      reviewReason: "Paid ₹3,999.00, but the link or order asked for ₹4,999.00; not counted until someone checks it.",
    }),
    unmatched: await pay({ paidAt: AT("2026-11-14T05:00:00.000Z"), amountPaise: 149_900n, contactId: null, method: "wallet" }),
  };
  const bPayment = await createPayment(prisma, {
    organizationId: b.organization.id,
    accountId: bAccount.id,
    paidAt: AT("2026-11-21T10:00:00.000Z"),
    amountPaise: 777_700n,
    contactId: bContact.id,
    productId: bProduct.id,
    agentId: bAgent.id,
  });

  const as = async (user: { id: string }, org = organizationId) => (await callerFor(user, { organizationId: org })).caller;
  return {
    a,
    b,
    organizationId,
    owner: a.owner,
    manager,
    agent,
    otherAgent,
    viewer,
    bAgent,
    ananya,
    kavya,
    scalper,
    suite,
    account,
    bContact,
    bProduct,
    bAccount,
    bPayment,
    payments,
    pay,
    as,
  };
}

export type PaymentWorld = Awaited<ReturnType<typeof paymentWorld>>;
