import { expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { callerFor } from "~/testing/caller";
import { seedDemoData } from "./seed";

test("the demo seed has paid links, one refunded and one failed, with the columns and the contacts' totals the pipeline would leave", async () => {
  const { organization, owner, agents } = await seedDemoData(prisma);
  const organizationId = organization.id;
  const payments = await prisma.payment.findMany({ where: { organizationId }, include: { link: true }, orderBy: { paidAt: "desc" } });
  expect(payments.map((payment) => [payment.status, payment.countedAt !== null, payment.link?.status])).toEqual([
    ["FAILED", false, "FAILED"],
    ["CAPTURED", true, "PAID"],
    ["CAPTURED", true, "PAID"],
    ["CAPTURED", true, "PAID"],
    ["CAPTURED", true, "PAID"],
    ["REFUNDED", true, "REFUNDED"],
  ]);
  for (const payment of payments) {
    // Matched to its link: the link's contact, product and maker; the order id the link learned.
    expect(payment).toMatchObject({ contactId: payment.link!.contactId, productId: payment.link!.productId, agentId: payment.link!.createdById, providerOrderId: payment.link!.providerOrderId });
    expect(payment.amountPaise).toBe(payment.link!.amountPaise);
    expect(payment.reviewReason).toBeNull();
  }
  expect(new Set(payments.map((payment) => payment.agentId))).toEqual(new Set([owner.id, ...agents.map((agent) => agent.id)]));
  const refunded = payments.find((payment) => payment.status === "REFUNDED")!;
  expect(refunded.refundedPaise).toBe(refunded.amountPaise);
  expect(await prisma.refund.findMany({ where: { organizationId } })).toEqual([
    expect.objectContaining({ providerPaymentId: refunded.providerPaymentId, amountPaise: refunded.amountPaise, status: "PROCESSED" }),
  ]);

  // Each payer's totals are those of its counted payments, and it is converted; the one who failed is not.
  for (const payment of payments) {
    const contact = await prisma.contact.findUniqueOrThrow({ where: { id: payment.contactId! } });
    const counted = payments.filter((other) => other.contactId === contact.id && other.countedAt);
    expect(contact.amountSpentPaise).toBe(counted.reduce((sum, other) => sum + other.amountPaise - other.refundedPaise, 0n));
    expect(contact.stage).toBe(counted.length ? "CONVERTED" : contact.stage);
    expect(await prisma.contactEvent.count({ where: { contactId: contact.id, type: payment.countedAt ? "PAYMENT_RECEIVED" : "PAYMENT_FAILED" } })).toBe(1);
  }

  // The payments page adds them up: five counted, one refunded in full.
  const { caller } = await callerFor(agents[0]!, { organizationId });
  const totals = await caller.payment.totals({});
  const captured = payments.filter((payment) => payment.countedAt).reduce((sum, payment) => sum + payment.amountPaise, 0n);
  expect(totals).toEqual({ payments: 6, counted: 5, capturedPaise: captured.toString(), refundedPaise: refunded.amountPaise.toString(), netPaise: (captured - refunded.amountPaise).toString() });
  expect((await caller.payment.list({ filter: { status: ["FAILED"] } })).items).toHaveLength(1);
});
