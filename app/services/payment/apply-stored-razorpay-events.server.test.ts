// Stored Razorpay events applied in batches (what the worker does under load) against a real database:
// a batch ends in the same books as one event at a time, gives every event its own outcome, and an
// event that must be refused sends the batch down the one-at-a-time path without costing the others.
import { expect, test } from "vitest";
import { acceptRazorpayWebhooks, type AcceptedRazorpayEvent } from "~/services/payment/accept-razorpay-webhook.server";
import { applyStoredRazorpayEvent, applyStoredRazorpayEvents } from "~/services/payment/apply-stored-razorpay-events.server";
import { newPaymentStory, signedRazorpayPost, storyEvent, type StoryEvent } from "~/testing/razorpay-events";
import { prisma } from "~/utils/db.server";
import { createContact, createOrganization } from "../../../prisma/factories";
import { createPaymentAccount, createPaymentLink } from "../../../prisma/factories-payments";

const PRICE = 499_900;
const REFUND = 100_000;
const EVENTS: StoryEvent[] = ["payment.authorized", "payment.captured", "payment_link.paid", "order.paid", "refund.processed"];

async function world(payments: number) {
  const { organization, owner } = await createOrganization(prisma);
  const { account, webhookSecret } = await createPaymentAccount(prisma, { organizationId: organization.id });
  const stories = [];
  for (let n = 0; n < payments; n += 1) {
    const contact = await createContact(prisma, { organizationId: organization.id });
    await prisma.contact.update({ where: { id: contact.id }, data: { ownerId: owner.id } });
    const link = await createPaymentLink(prisma, { organizationId: organization.id, accountId: account.id, contactId: contact.id, amountPaise: BigInt(PRICE), createdById: owner.id, providerLinkId: null });
    const story = newPaymentStory(link.id, PRICE, { refund: { providerRefundId: `rfnd_batch${n}x${Date.now().toString(36)}`, amountPaise: REFUND } });
    stories.push({ contact, link, story });
  }
  return { organization, owner, account, webhookSecret, stories };
}

type World = Awaited<ReturnType<typeof world>>;

/** Stores the bodies as the webhook would (without their job) and answers the stored events' ids, in order. */
async function store(w: World, bodies: Array<Record<string, unknown>>): Promise<string[]> {
  const accepted: AcceptedRazorpayEvent[] = bodies.map((body) => {
    const signed = signedRazorpayPost(body, w.webhookSecret);
    return { account: w.account, eventId: signed.eventId, event: String(body.event), raw: signed.raw };
  });
  await acceptRazorpayWebhooks(prisma, accepted);
  await prisma.$executeRaw`DELETE FROM graphile_worker._private_jobs j USING graphile_worker._private_tasks t WHERE t.id = j.task_id AND t.identifier = 'payments_apply_events'`;
  const rows = await prisma.webhookEvent.findMany({ where: { organizationId: w.organization.id }, select: { id: true, dedupeKey: true } });
  const idOf = new Map(rows.map((row) => [row.dedupeKey, row.id]));
  return accepted.map((event) => idOf.get(`${w.account.id}:${event.eventId}`)!);
}

/** What the books say about each payment of a world, in values that must not depend on how its events were applied. */
async function books(w: World) {
  return Promise.all(
    w.stories.map(async ({ contact, link }) => {
      const payment = await prisma.payment.findFirstOrThrow({ where: { paymentLinkId: link.id } });
      const after = await prisma.contact.findUniqueOrThrow({ where: { id: contact.id } });
      const timeline = await prisma.contactEvent.groupBy({ by: ["type"], where: { contactId: contact.id }, _count: true });
      return {
        payment: { status: payment.status, refundedPaise: payment.refundedPaise, counted: payment.countedAt !== null, contactId: payment.contactId },
        link: await prisma.paymentLink.findUniqueOrThrow({ where: { id: link.id }, select: { status: true, amountPaidPaise: true } }),
        contact: { amountSpentPaise: after.amountSpentPaise, stage: after.stage },
        timeline: Object.fromEntries(timeline.map((row) => [row.type, row._count])),
        notifications: await prisma.notification.count({ where: { organizationId: w.organization.id, kind: "PAYMENT_RECEIVED", url: `/contacts/${contact.id}` } }),
        domainEvents: await prisma.domainEvent.count({ where: { organizationId: w.organization.id, kind: "PAYMENT_RECEIVED", contactId: contact.id } }),
      };
    }),
  );
}

test("a batch of several payments' events, interleaved, ends in the same books as one event at a time, each effect once", { timeout: 60_000 }, async () => {
  const batched = await world(3);
  const single = await world(3);
  // Interleaved as they arrive: the last event of each payment first, then the rest backwards.
  const bodiesOf = (w: World) => [...EVENTS].reverse().flatMap((event) => w.stories.map(({ story }) => storyEvent(story, event)));
  const batchIds = await store(batched, bodiesOf(batched));
  const singleIds = await store(single, bodiesOf(single));

  const results = await applyStoredRazorpayEvents(prisma, { webhookEventIds: batchIds });
  expect([...results.values()]).toEqual(Array(15).fill({ ok: true, value: "applied" }));
  for (const id of singleIds) expect(await applyStoredRazorpayEvent(prisma, { webhookEventId: id })).toBe("applied");

  const expected = {
    payment: { status: "PARTIALLY_REFUNDED", refundedPaise: BigInt(REFUND), counted: true },
    link: { status: "PAID", amountPaidPaise: BigInt(PRICE) },
    contact: { amountSpentPaise: BigInt(PRICE - REFUND), stage: "CONVERTED" },
    timeline: { PAYMENT_RECEIVED: 1, PAYMENT_REFUNDED: 1, STAGE_CHANGED: 1 },
    notifications: 1,
    domainEvents: 1,
  };
  const batchBooks = await books(batched);
  const singleBooks = await books(single);
  for (const [n, result] of batchBooks.entries()) expect(result).toEqual({ ...expected, payment: { ...expected.payment, contactId: batched.stories[n]!.contact.id } });
  expect(batchBooks.map(({ payment: { contactId: _, ...payment }, ...rest }) => ({ payment, ...rest }))).toEqual(
    singleBooks.map(({ payment: { contactId: _, ...payment }, ...rest }) => ({ payment, ...rest })),
  );
  const stored = await prisma.webhookEvent.findMany({ where: { id: { in: batchIds } } });
  expect(stored.every((event) => event.processedAt !== null && event.error === null)).toBe(true);
  // One transaction for all of them (the one-at-a-time path would mark each at its own moment).
  expect(new Set(stored.map((event) => event.processedAt!.getTime())).size).toBe(1);

  // Again: every one already processed, nothing changes.
  const again = await applyStoredRazorpayEvents(prisma, { webhookEventIds: batchIds });
  expect([...again.values()]).toEqual(Array(15).fill({ ok: true, value: "already processed" }));
  expect(await books(batched)).toEqual(batchBooks);
});

test("each event of a batch has its own outcome: applied, ignored, already processed, not found", async () => {
  const w = await world(1);
  const { story } = w.stories[0]!;
  const [captured, paid, dispute, done] = await store(w, [
    storyEvent(story, "payment.captured"),
    storyEvent(story, "payment_link.paid"),
    { ...storyEvent(story, "payment.captured"), event: "payment.dispute.created" },
    storyEvent(story, "payment.authorized"),
  ]);
  expect(await applyStoredRazorpayEvent(prisma, { webhookEventId: done! })).toBe("applied");
  const missing = "00000000-0000-4000-8000-000000000000";
  const results = await applyStoredRazorpayEvents(prisma, { webhookEventIds: [captured!, paid!, dispute!, done!, missing] });
  expect(Object.fromEntries([...results].map(([id, result]) => [id, result]))).toEqual({
    [captured!]: { ok: true, value: "applied" },
    [paid!]: { ok: true, value: "applied" },
    [dispute!]: { ok: true, value: "ignored" },
    [done!]: { ok: true, value: "already processed" },
    [missing]: { ok: true, value: "not found" },
  });
  expect(await prisma.webhookEvent.findUniqueOrThrow({ where: { id: dispute! } })).toMatchObject({ error: expect.stringContaining("not one we act on"), processedAt: expect.any(Date) });
  expect(await prisma.contact.findUniqueOrThrow({ where: { id: w.stories[0]!.contact.id } })).toMatchObject({ amountSpentPaise: BigInt(PRICE), stage: "CONVERTED" });
});

test("an event that must be refused sends its batch one event at a time: it is marked with the reason, the others are applied", async () => {
  const w = await world(2);
  const ids = await store(w, [storyEvent(w.stories[0]!.story, "payment_link.paid"), storyEvent(w.stories[1]!.story, "payment_link.paid"), storyEvent(w.stories[1]!.story, "payment.captured")]);
  // A stored body that no longer reads as an event (an old row, a bug elsewhere).
  await prisma.webhookEvent.update({ where: { id: ids[2]! }, data: { payload: { accountId: w.account.id, eventId: "evt_broken", raw: "{not json" } } });
  const results = await applyStoredRazorpayEvents(prisma, { webhookEventIds: ids });
  expect(ids.map((id) => results.get(id))).toEqual([
    { ok: true, value: "applied" },
    { ok: true, value: "applied" },
    { ok: true, value: "refused" },
  ]);
  expect(await prisma.webhookEvent.findUniqueOrThrow({ where: { id: ids[2]! } })).toMatchObject({ error: "The stored body is not JSON.", processedAt: expect.any(Date) });
  for (const { contact } of w.stories) expect(await prisma.contact.findUniqueOrThrow({ where: { id: contact.id } })).toMatchObject({ amountSpentPaise: BigInt(PRICE) });
});
