// Razorpay's events about one payment, applied in every order they could arrive in (and repeated):
// the same payment, link and contact totals every time, each effect once.
import { expect, test } from "vitest";
import { factsOfRazorpayEvent, razorpayEventSchema } from "~/domain/payment/razorpay-event";
import { applyRazorpayEvent, matchPaymentsOfOrder } from "~/services/payment/apply-razorpay-event.server";
import { newPaymentStory, storyEvent, type PaymentStory, type StoryEvent } from "~/testing/razorpay-events";
import { runQueuedJobs } from "~/testing/run-queued-jobs";
import { prisma } from "~/utils/db.server";
import { formatAmount } from "~/domain/payment/money";
import { createContact, createOrganization } from "../../../prisma/factories";
import { createPaymentAccount, createPaymentLink } from "../../../prisma/factories-payments";

const PRICE = 499_900;

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, index) => permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]));
}

async function world(options: { churnOnFullRefund?: boolean; linkAmount?: bigint } = {}) {
  const { organization, owner } = await createOrganization(prisma);
  const contact = await createContact(prisma, { organizationId: organization.id });
  await prisma.contact.update({ where: { id: contact.id }, data: { ownerId: owner.id } });
  const { account } = await createPaymentAccount(prisma, { organizationId: organization.id });
  if (options.churnOnFullRefund) await prisma.paymentAccount.update({ where: { id: account.id }, data: { churnOnFullRefund: true } });
  const link = await createPaymentLink(prisma, { organizationId: organization.id, accountId: account.id, contactId: contact.id, amountPaise: options.linkAmount ?? BigInt(PRICE), createdById: owner.id, providerLinkId: null });
  return { organization, owner, contact, account: await prisma.paymentAccount.findUniqueOrThrow({ where: { id: account.id } }), link };
}

type World = Awaited<ReturnType<typeof world>>;

async function apply(w: World, story: PaymentStory, event: StoryEvent) {
  const parsed = razorpayEventSchema.parse(storyEvent(story, event));
  await prisma.$transaction((tx) => applyRazorpayEvent(tx, w.account, factsOfRazorpayEvent(parsed)));
}

/** What the books say about a world's payment, in values that must not depend on the order of events. */
async function books(w: World) {
  const payments = await prisma.payment.findMany({ where: { organizationId: w.organization.id } });
  const link = await prisma.paymentLink.findUniqueOrThrow({ where: { id: w.link.id } });
  const contact = await prisma.contact.findUniqueOrThrow({ where: { id: w.contact.id } });
  const timeline = await prisma.contactEvent.groupBy({ by: ["type"], where: { contactId: w.contact.id }, _count: true });
  return {
    payments: payments.map((payment) => ({
      status: payment.status,
      amountPaise: payment.amountPaise,
      refundedPaise: payment.refundedPaise,
      capturedAt: payment.capturedAt,
      counted: payment.countedAt !== null,
      matched: payment.contactId === w.contact.id && payment.paymentLinkId === w.link.id,
      reviewReason: payment.reviewReason,
    })),
    link: { status: link.status, amountPaidPaise: link.amountPaidPaise, paidAt: link.paidAt, providerLinkId: link.providerLinkId !== null },
    contact: { amountSpentPaise: contact.amountSpentPaise, lastPaymentAt: contact.lastPaymentAt, stage: contact.stage },
    timeline: Object.fromEntries(timeline.map((row) => [row.type, row._count])),
    notifications: await prisma.notification.count({ where: { organizationId: w.organization.id, userId: w.owner.id, kind: "PAYMENT_RECEIVED" } }),
    domainEvents: await prisma.domainEvent.count({ where: { organizationId: w.organization.id, kind: "PAYMENT_RECEIVED" } }),
  };
}

test("every order of a paid link's five events, each with one repeated, ends in the same books with each effect once", { timeout: 120_000 }, async () => {
  const events: StoryEvent[] = ["payment.authorized", "payment.captured", "payment_link.paid", "order.paid", "refund.processed"];
  const orders = permutations(events);
  expect(orders).toHaveLength(120);
  const results = [];
  for (const [n, order] of orders.entries()) {
    const w = await world();
    const story = newPaymentStory(w.link.id, PRICE, { refund: { providerRefundId: `rfnd_${n.toString(36)}x${Date.now().toString(36)}`, amountPaise: 100_000 } });
    // A repeat of one event, somewhere later: Razorpay delivers more than once.
    const repeated = [...order.slice(0, 3), order[n % 5]!, ...order.slice(3)];
    for (const event of repeated) await apply(w, story, event);
    results.push(await books(w));
  }
  const expected = {
    payments: [{ status: "PARTIALLY_REFUNDED", amountPaise: 499_900n, refundedPaise: 100_000n, capturedAt: new Date((1_767_600_000 + 2) * 1000), counted: true, matched: true, reviewReason: null }],
    link: { status: "PAID", amountPaidPaise: 499_900n, paidAt: new Date((1_767_600_000 + 2) * 1000), providerLinkId: true },
    contact: { amountSpentPaise: 399_900n, lastPaymentAt: new Date((1_767_600_000 + 2) * 1000), stage: "CONVERTED" },
    timeline: { PAYMENT_RECEIVED: 1, PAYMENT_REFUNDED: 1, STAGE_CHANGED: 1 },
    notifications: 1,
    domainEvents: 1,
  };
  for (const [n, result] of results.entries()) expect({ order: orders[n], ...result }).toEqual({ order: orders[n], ...expected });
});

test("a full refund of the contact's only payment moves them to churned when the organization asks, in every order", { timeout: 60_000 }, async () => {
  const orders = permutations<StoryEvent>(["payment.captured", "payment_link.paid", "refund.created", "refund.processed"]);
  const stages = new Set<string>();
  const spent = new Set<bigint>();
  for (const [n, order] of orders.entries()) {
    const w = await world({ churnOnFullRefund: true });
    const story = newPaymentStory(w.link.id, PRICE, { refund: { providerRefundId: `rfnd_full${n}x${Date.now().toString(36)}`, amountPaise: PRICE } });
    for (const event of order) await apply(w, story, event);
    const result = await books(w);
    stages.add(result.contact.stage);
    spent.add(result.contact.amountSpentPaise);
    expect(result.payments[0]).toMatchObject({ status: "REFUNDED", refundedPaise: BigInt(PRICE), counted: true });
    expect(result.link.status).toBe("REFUNDED");
    expect(result.timeline).toMatchObject({ PAYMENT_RECEIVED: 1, PAYMENT_REFUNDED: 1, STAGE_CHANGED: 2 });
  }
  expect([...stages]).toEqual(["CHURNED"]);
  expect([...spent]).toEqual([0n]);
});

test("without the option a full refund leaves the stage converted and the totals at zero", async () => {
  const w = await world();
  const story = newPaymentStory(w.link.id, PRICE, { refund: { providerRefundId: `rfnd_keep${Date.now().toString(36)}`, amountPaise: PRICE } });
  for (const event of ["refund.processed", "payment_link.paid"] as const) await apply(w, story, event);
  expect((await books(w)).contact).toMatchObject({ stage: "CONVERTED", amountSpentPaise: 0n });
});

test("a payment of another amount than its link asked for is flagged for review, and neither counted nor converting", async () => {
  const w = await world();
  const story = newPaymentStory(w.link.id, PRICE, { paidPaise: 100 });
  for (const event of ["payment_link.paid", "payment.captured"] as const) await apply(w, story, event);
  const result = await books(w);
  expect(result.payments[0]).toMatchObject({ status: "CAPTURED", counted: false, matched: true, reviewReason: expect.stringContaining(`Paid ${formatAmount(100n)}, but the link or order asked for ${formatAmount(499_900n)}`) });
  expect(result.contact).toMatchObject({ amountSpentPaise: 0n, stage: "NEW" });
  expect(result.timeline).toEqual({ PAYMENT_FLAGGED: 1 });
  expect(result.notifications).toBe(0);
});

test("a payment in another currency is flagged too", async () => {
  const w = await world();
  const story = newPaymentStory(w.link.id, PRICE, { currency: "USD" });
  await apply(w, story, "payment_link.paid");
  expect((await books(w)).payments[0]).toMatchObject({ counted: false, reviewReason: expect.stringContaining("Paid in USD") });
});

test("a captured payment that arrives before its link told its order waits unmatched, then is matched by the order's job", async () => {
  const w = await world();
  const story = newPaymentStory(w.link.id, PRICE);
  await apply(w, story, "payment.captured");
  expect((await books(w)).payments[0]).toMatchObject({ matched: false, counted: false });
  expect((await books(w)).contact.amountSpentPaise).toBe(0n);
  // The link's expiry event tells its order id (no payment inside): the waiting payment is matched by a job.
  await apply(w, story, "payment_link.expired");
  expect(await runQueuedJobs(["payments_match_order"])).toBe(1);
  const result = await books(w);
  expect(result.payments[0]).toMatchObject({ matched: true, counted: true });
  expect(result.link.status).toBe("PAID");
  expect(result.contact).toMatchObject({ amountSpentPaise: 499_900n, stage: "CONVERTED" });
  // Once matched, the job finds nothing more to do.
  expect(await prisma.$transaction((tx) => matchPaymentsOfOrder(tx, w.account, story.providerOrderId))).toBe(0);
});

test("a failed attempt puts the link in failed and the timeline says why; a later success pays it", async () => {
  const w = await world();
  const failed = newPaymentStory(w.link.id, PRICE);
  // A link that knows its order id (its first event told it) matches a failed payment of that order.
  await prisma.paymentLink.update({ where: { id: w.link.id }, data: { providerOrderId: failed.providerOrderId, providerLinkId: failed.providerLinkId } });
  await apply(w, failed, "payment.failed");
  let result = await books(w);
  expect(result.link.status).toBe("FAILED");
  expect(result.timeline).toEqual({ PAYMENT_FAILED: 1 });
  const retried = { ...failed, providerPaymentId: `pay_${Date.now().toString(36)}ok` };
  await apply(w, retried, "payment_link.paid");
  result = await books(w);
  expect(result.link.status).toBe("PAID");
  expect(result.contact.amountSpentPaise).toBe(499_900n);
  expect(result.timeline).toMatchObject({ PAYMENT_FAILED: 1, PAYMENT_RECEIVED: 1 });
});

test("an account's event naming another organization's link touches nothing of it", async () => {
  const mine = await world();
  const theirs = await world();
  // Our account's webhook, with their link's id as the reference and their order id.
  const story = newPaymentStory(theirs.link.id, PRICE);
  const parsed = razorpayEventSchema.parse(storyEvent(story, "payment_link.paid"));
  await prisma.$transaction((tx) => applyRazorpayEvent(tx, mine.account, factsOfRazorpayEvent(parsed)));
  const their = await books(theirs);
  expect(their.link).toMatchObject({ status: "CREATED", amountPaidPaise: 0n, providerLinkId: false });
  expect(their.contact.amountSpentPaise).toBe(0n);
  expect(await prisma.payment.count({ where: { organizationId: theirs.organization.id } })).toBe(0);
  // In our books the payment is kept, unmatched, for someone to look at.
  expect((await books(mine)).payments[0]).toMatchObject({ matched: false, counted: false });
});
