// POST /webhooks/razorpay/:accountId through the real route, then its job, against a real database:
// what is refused writes nothing (every table it could touch, counted), a repeat is stored once.
import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import { sealPaymentAccountSecrets } from "~/models/payment-account.server";
import { signRazorpayWebhook } from "~/providers/payments/index.server";
import { newPaymentStory, signedRazorpayPost, storyEvent, type SignedPost } from "~/testing/razorpay-events";
import { runQueuedJobs } from "~/testing/run-queued-jobs";
import { prisma } from "~/utils/db.server";
import { createContact, createOrganization } from "../../prisma/factories";
import { createPaymentAccount, createPaymentLink } from "../../prisma/factories-payments";
import { action } from "./webhooks.razorpay.$accountId";

const BASE = "http://localhost:3000";
const PRICE = 499_900;

async function post(accountId: string, signed: Partial<SignedPost> & { raw: string }, headers: Record<string, string> = {}): Promise<Response> {
  const all: Record<string, string> = { "Content-Type": "application/json", ...headers };
  if (signed.signature !== undefined) all["X-Razorpay-Signature"] = signed.signature;
  if (signed.eventId !== undefined) all["X-Razorpay-Event-Id"] = signed.eventId;
  const request = new Request(`${BASE}/webhooks/razorpay/${accountId}`, { method: "POST", headers: all, body: signed.raw });
  return (await action({ request, params: { accountId }, context: {} })) as Response;
}

/** Every table a Razorpay post or its job could write. */
async function rowCounts() {
  const [jobs] = await prisma.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM graphile_worker._private_jobs`;
  return {
    webhookEvents: await prisma.webhookEvent.count(),
    payments: await prisma.payment.count(),
    refunds: await prisma.refund.count(),
    links: await prisma.paymentLink.count({ where: { providerLinkId: { not: null } } }),
    contactEvents: await prisma.contactEvent.count(),
    notifications: await prisma.notification.count(),
    domainEvents: await prisma.domainEvent.count(),
    jobs: jobs!.n,
  };
}

async function world() {
  const { organization, owner } = await createOrganization(prisma);
  const contact = await createContact(prisma, { organizationId: organization.id });
  const { account, webhookSecret } = await createPaymentAccount(prisma, { organizationId: organization.id });
  const link = await createPaymentLink(prisma, { organizationId: organization.id, accountId: account.id, contactId: contact.id, amountPaise: BigInt(PRICE), createdById: owner.id, providerLinkId: null });
  const story = newPaymentStory(link.id, PRICE);
  return { organization, owner, contact, account, webhookSecret, link, story };
}

describe("refused before anything is written", () => {
  test("a body changed by one byte, re-serialized JSON, a missing or foreign signature: 400 and zero writes", async () => {
    const w = await world();
    const other = await world();
    const good = signedRazorpayPost(storyEvent(w.story, "payment_link.paid"), w.webhookSecret);
    const before = await rowCounts();
    const oneByte = { ...good, raw: good.raw.replace('"amount":499900', '"amount":499901') };
    const reserialized = { ...good, raw: JSON.stringify(JSON.parse(good.raw), null, 2) };
    const unsigned = { raw: good.raw, eventId: good.eventId };
    const signedByAnother = signedRazorpayPost(storyEvent(w.story, "payment_link.paid"), other.webhookSecret);
    for (const bad of [oneByte, reserialized, unsigned, signedByAnother, { ...good, signature: "0".repeat(64) }, { ...good, signature: "abc" }]) {
      const response = await post(w.account.id, bad);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: expect.stringContaining("X-Razorpay-Signature") });
    }
    expect(await rowCounts()).toEqual(before);
  });

  test("the previous webhook secret works while its rotation lasts, and is refused once it has ended", async () => {
    const w = await world();
    const newSecret = "whsec_rotated_in_2026";
    const rotate = (until: Date) =>
      prisma.paymentAccount.update({
        where: { id: w.account.id },
        data: { secrets: sealPaymentAccountSecrets(w.account.id, { webhookSecrets: [newSecret, w.webhookSecret] }), previousSecretUntil: until },
      });
    await rotate(new Date(Date.now() + 3_600_000));
    expect((await post(w.account.id, signedRazorpayPost(storyEvent(w.story, "payment.authorized"), w.webhookSecret))).status).toBe(200);
    expect((await post(w.account.id, signedRazorpayPost(storyEvent(w.story, "payment.authorized"), newSecret))).status).toBe(200);
    await rotate(new Date(Date.now() - 1_000));
    const before = await rowCounts();
    expect((await post(w.account.id, signedRazorpayPost(storyEvent(w.story, "payment.captured"), w.webhookSecret))).status).toBe(400);
    expect(await rowCounts()).toEqual(before);
    expect((await post(w.account.id, signedRazorpayPost(storyEvent(w.story, "payment.captured"), newSecret))).status).toBe(200);
  });

  test("an unknown account is a 404 and a malformed id too; nothing is written", async () => {
    const w = await world();
    const signed = signedRazorpayPost(storyEvent(w.story, "payment.captured"), w.webhookSecret);
    const before = await rowCounts();
    expect((await post(randomUUID(), signed)).status).toBe(404);
    expect((await post("not-an-account", signed)).status).toBe(404);
    expect(await rowCounts()).toEqual(before);
  });

  test("signed but malformed: not JSON, not an event, a bad entity, no event id — 400 with the reason, nothing written", async () => {
    const w = await world();
    const before = await rowCounts();
    const cases: Array<[Partial<SignedPost> & { raw: string }, string]> = [];
    const bodyOf = (object: unknown) => {
      const raw = typeof object === "string" ? object : JSON.stringify(object);
      return { raw, eventId: `evt_${randomUUID().slice(0, 8)}`, signature: signRazorpayWebhook(raw, w.webhookSecret) };
    };
    const event = storyEvent(w.story, "payment.captured") as { payload: { payment: { entity: Record<string, unknown> } } };
    const badAmount = structuredClone(event);
    badAmount.payload.payment.entity.amount = 12.5;
    cases.push([bodyOf("{not json"), "not JSON"]);
    cases.push([bodyOf({ hello: "world" }), "not a Razorpay event"]);
    cases.push([bodyOf(badAmount), "whole paise"]);
    cases.push([{ ...bodyOf(event), eventId: undefined }, "x-razorpay-event-id"]);
    for (const [body, reason] of cases) {
      const response = await post(w.account.id, body);
      expect(response.status).toBe(400);
      expect((await response.json()).error).toContain(reason);
    }
    expect(await rowCounts()).toEqual(before);
  });

  test("a body over 1 MB is a 413 and writes nothing", async () => {
    const w = await world();
    const before = await rowCounts();
    const raw = JSON.stringify({ ...storyEvent(w.story, "payment.captured"), padding: "x".repeat(1024 * 1024) });
    const response = await post(w.account.id, { raw, signature: signRazorpayWebhook(raw, w.webhookSecret), eventId: "evt_big" });
    expect(response.status).toBe(413);
    expect(await rowCounts()).toEqual(before);
  });
});

describe("accepted", () => {
  test("the same event posted 10 times at once is stored once, with one job, and counted once", async () => {
    await runQueuedJobs(["payments_apply_events"]); // what earlier tests left
    const w = await world();
    const signed = signedRazorpayPost(storyEvent(w.story, "payment_link.paid"), w.webhookSecret);
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(w.account.id, signed)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(200));
    expect(await prisma.webhookEvent.count({ where: { organizationId: w.organization.id } })).toBe(1);
    expect(await runQueuedJobs(["payments_apply_events"], { concurrency: 4 })).toBe(1);
    // Posted again after it was processed: still one.
    expect((await post(w.account.id, signed)).status).toBe(200);
    expect(await runQueuedJobs(["payments_apply_events"])).toBe(0);
    const contact = await prisma.contact.findUniqueOrThrow({ where: { id: w.contact.id } });
    expect(contact).toMatchObject({ amountSpentPaise: BigInt(PRICE), stage: "CONVERTED" });
    expect(await prisma.payment.count({ where: { organizationId: w.organization.id } })).toBe(1);
    expect(await prisma.notification.count({ where: { organizationId: w.organization.id, kind: "PAYMENT_RECEIVED" } })).toBe(1);
    expect(await prisma.contactEvent.count({ where: { contactId: w.contact.id, type: "PAYMENT_RECEIVED" } })).toBe(1);
  });

  test("events stored together are applied by one job, in any order they were posted", async () => {
    const w = await world();
    const story = { ...w.story, refund: { providerRefundId: "rfnd_routeRefund01", amountPaise: 99_900 } };
    const events = (["refund.processed", "order.paid", "payment.captured", "payment_link.paid", "payment.authorized"] as const).map((name) =>
      signedRazorpayPost(storyEvent(story, name), w.webhookSecret),
    );
    await Promise.all(events.map((signed) => post(w.account.id, signed)));
    await runQueuedJobs(["payments_apply_events"], { concurrency: 3 });
    const events2 = await prisma.webhookEvent.findMany({ where: { organizationId: w.organization.id } });
    expect(events2.map((event) => event.error)).toEqual(Array(5).fill(null));
    expect(events2.every((event) => event.processedAt !== null)).toBe(true);
    expect(await prisma.contact.findUniqueOrThrow({ where: { id: w.contact.id } })).toMatchObject({ amountSpentPaise: 400_000n });
    expect(await prisma.paymentLink.findUniqueOrThrow({ where: { id: w.link.id } })).toMatchObject({ status: "PAID", amountPaidPaise: BigInt(PRICE) });
  });

  test("an event we do not act on is stored and marked as such", async () => {
    const w = await world();
    const body = { ...storyEvent(w.story, "payment.captured"), event: "payment.dispute.created" };
    expect((await post(w.account.id, signedRazorpayPost(body, w.webhookSecret))).status).toBe(200);
    await runQueuedJobs(["payments_apply_events"]);
    const [stored] = await prisma.webhookEvent.findMany({ where: { organizationId: w.organization.id } });
    expect(stored).toMatchObject({ kind: "payment.dispute.created", error: expect.stringContaining("not one we act on"), processedAt: expect.any(Date) });
    expect(await prisma.payment.count({ where: { organizationId: w.organization.id } })).toBe(0);
  });

  test("a GET is told to post", async () => {
    const { loader } = await import("./webhooks.razorpay.$accountId");
    expect(loader().status).toBe(405);
  });
});
