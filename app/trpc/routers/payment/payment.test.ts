// The payments page's procedures against the real database: every member sees the organization's
// payments newest paid first with what each row shows; each filter; keyset pages without gaps or
// repeats across equal paid-at times, in both directions; totals that are the sum of the counted
// payments; days in the organization's zone (daylight saving included); bad filters refused by field;
// and another organization's payments, contacts, products and agents never seen.
import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { expectTRPCError, type TestCaller } from "~/testing/caller";
import { toActionFailure } from "~/trpc/caller.server";
import { factsOfRazorpayEvent, razorpayEventSchema } from "~/domain/payment/razorpay-event";
import { applyRazorpayEvent } from "~/services/payment/apply-razorpay-event.server";
import { newPaymentStory, storyEvent } from "~/testing/razorpay-events";
import { paymentFilterSchema, type PaymentFilterInput } from "~/domain/payment/payment-filter";
import { dailyPaymentTotalsSql, foldPaymentDailyTotals, paymentPageSql, paymentTotalsSql, withIndexScans } from "~/models/payment-list.server";
import { Prisma } from "~/generated/prisma/client";
import { AT, paymentWorld, type PaymentWorld } from "~/trpc/routers/payment/payment-test-world";
import { createContact, createOrganization, createProduct } from "../../../../prisma/factories";
import { createPayment, createPaymentAccount, createPaymentLink } from "../../../../prisma/factories-payments";

/** Every payment the list shows for a filter, following the pages to the end. */
async function listAll(caller: TestCaller, filter: PaymentFilterInput = {}): Promise<string[]> {
  const ids: string[] = [];
  let after: string | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const page = await caller.payment.list({ filter, after });
    ids.push(...page.items.map((item) => item.id));
    if (!page.olderCursor) return ids;
    after = page.olderCursor;
  }
  throw new Error("too many pages");
}

/** What the counted payments among `rows` add up to, computed here rather than by the database. */
function expectedTotals(rows: Array<{ amountPaise: bigint; refundedPaise: bigint; countedAt: Date | null }>) {
  const counted = rows.filter((row) => row.countedAt !== null);
  const captured = counted.reduce((sum, row) => sum + row.amountPaise, 0n);
  const refunded = counted.reduce((sum, row) => sum + row.refundedPaise, 0n);
  return { payments: rows.length, counted: counted.length, capturedPaise: captured.toString(), refundedPaise: refunded.toString(), netPaise: (captured - refunded).toString() };
}

function byNewest<T extends { paidAt: Date; id: string }>(rows: T[]): T[] {
  return [...rows].sort((x, y) => y.paidAt.getTime() - x.paidAt.getTime() || (x.id < y.id ? 1 : x.id > y.id ? -1 : 0));
}

describe("payment.list", () => {
  test("every payment of the organization, newest paid first, with its contact, product, agent, amounts, status and review reason", async () => {
    const w = await paymentWorld();
    const page = await (await w.as(w.manager)).payment.list({});
    const p = w.payments;
    expect(page.items.map((item) => item.id)).toEqual([p.paid.id, p.failed.id, p.partlyRefunded.id, p.authorized.id, p.flagged.id, p.refunded.id, p.unmatched.id]);
    expect(page).toMatchObject({ olderCursor: null, newerCursor: null, atNewest: true, contact: null });
    expect(page.items[0]).toEqual({
      id: p.paid.id,
      paidAt: AT("2026-11-20T10:00:00.000Z"),
      contact: { id: w.ananya.id, name: "Ananya Sharma" },
      product: { id: w.scalper.id, name: "BankNifty Scalper Pro" },
      agent: { id: w.agent.id, name: "Aisha Khan" },
      amountPaise: "499900",
      refundedPaise: "0",
      currency: "INR",
      status: "CAPTURED",
      method: "upi",
      reviewReason: null,
      counted: true,
      errorDescription: null,
      providerPaymentId: p.paid.providerPaymentId,
    });
    const byId = new Map(page.items.map((item) => [item.id, item]));
    expect(byId.get(p.partlyRefunded.id)).toMatchObject({ status: "PARTIALLY_REFUNDED", refundedPaise: "200000", counted: true, method: "card" });
    expect(byId.get(p.refunded.id)).toMatchObject({ status: "REFUNDED", refundedPaise: "499900", counted: true });
    expect(byId.get(p.failed.id)).toMatchObject({ status: "FAILED", counted: false, errorDescription: "Payment was declined by the customer's bank." });
    expect(byId.get(p.flagged.id)).toMatchObject({ status: "CAPTURED", counted: false, reviewReason: expect.stringMatching(/^Paid ₹3,999.00, but/) });
    expect(byId.get(p.unmatched.id)).toMatchObject({ contact: null, product: null, agent: null, counted: false, method: "wallet" });
  });

  test.each(["owner", "manager", "agent", "viewer"] as const)("a %s sees every payment of the organization (agents see every contact too)", async (role) => {
    const w = await paymentWorld();
    const ids = await listAll(await w.as(w[role]));
    expect(ids.sort()).toEqual(Object.values(w.payments).map((payment) => payment.id).sort());
  });

  test("a payment the Razorpay pipeline matched to a link shows the link's contact, product and the agent who made it", async () => {
    const w = await paymentWorld();
    const link = await createPaymentLink(prisma, {
      organizationId: w.organizationId,
      accountId: w.account.id,
      contactId: w.kavya.id,
      productId: w.suite.id,
      createdById: w.otherAgent.id,
      amountPaise: 999_900n,
      providerLinkId: null,
    });
    const story = newPaymentStory(link.id, 999_900, { startedAt: Math.floor(AT("2026-11-25T04:00:00.000Z").getTime() / 1000) });
    const account = await prisma.paymentAccount.findUniqueOrThrow({ where: { id: w.account.id } });
    for (const event of ["payment.authorized", "payment.captured", "payment_link.paid"] as const) {
      const facts = factsOfRazorpayEvent(razorpayEventSchema.parse(storyEvent(story, event)));
      await prisma.$transaction((tx) => applyRazorpayEvent(tx, account, facts));
    }
    const page = await (await w.as(w.agent)).payment.list({ filter: { contact: w.kavya.id } });
    expect(page.contact).toEqual({ id: w.kavya.id, name: "Kavya Iyer" });
    expect(page.items[0]).toMatchObject({
      providerPaymentId: story.providerPaymentId,
      paidAt: AT("2026-11-25T04:00:00.000Z"),
      contact: { id: w.kavya.id, name: "Kavya Iyer" },
      product: { id: w.suite.id, name: "Nifty Options Suite" },
      agent: { id: w.otherAgent.id, name: "Rohit Verma" },
      amountPaise: "999900",
      status: "CAPTURED",
      counted: true,
      method: "upi",
    });
  });
});

describe("payment.list filters", () => {
  async function ids(w: PaymentWorld, filter: PaymentFilterInput) {
    return (await listAll(await w.as(w.manager), filter)).sort();
  }
  const sorted = (...payments: Array<{ id: string }>) => payments.map((payment) => payment.id).sort();

  test("by status: each status, needs review, unmatched, and several at once (any of them)", async () => {
    const w = await paymentWorld();
    const p = w.payments;
    // Paid is the payment's own status: flagged and unmatched payments were paid too.
    expect(await ids(w, { status: ["CAPTURED"] })).toEqual(sorted(p.paid, p.flagged, p.unmatched));
    expect(await ids(w, { status: ["PARTIALLY_REFUNDED"] })).toEqual(sorted(p.partlyRefunded));
    expect(await ids(w, { status: ["REFUNDED"] })).toEqual(sorted(p.refunded));
    expect(await ids(w, { status: ["FAILED"] })).toEqual(sorted(p.failed));
    expect(await ids(w, { status: ["AUTHORIZED"] })).toEqual(sorted(p.authorized));
    expect(await ids(w, { status: ["NEEDS_REVIEW"] })).toEqual(sorted(p.flagged));
    expect(await ids(w, { status: ["UNMATCHED"] })).toEqual(sorted(p.unmatched));
    expect(await ids(w, { status: ["FAILED", "NEEDS_REVIEW", "UNMATCHED"] })).toEqual(sorted(p.failed, p.flagged, p.unmatched));
    // As a form posts them: one value, lowercase or with dashes, repeated.
    expect(await ids(w, { status: "needs-review" })).toEqual(sorted(p.flagged));
    expect(await ids(w, { status: ["failed", "FAILED", ""] })).toEqual(sorted(p.failed));
  });

  test("by product, agent and contact", async () => {
    const w = await paymentWorld();
    const p = w.payments;
    expect(await ids(w, { product: w.suite.id })).toEqual(sorted(p.partlyRefunded, p.failed));
    expect(await ids(w, { agent: w.otherAgent.id })).toEqual(sorted(p.partlyRefunded, p.failed));
    expect(await ids(w, { agent: w.agent.id, status: ["CAPTURED"] })).toEqual(sorted(p.paid, p.flagged));
    expect(await ids(w, { contact: w.ananya.id })).toEqual(sorted(p.paid, p.refunded, p.authorized));
    // An id in capitals is the same id.
    expect(await ids(w, { contact: w.ananya.id.toUpperCase(), product: w.scalper.id.toUpperCase() })).toEqual(sorted(p.paid, p.refunded, p.authorized));
    const manager = await w.as(w.manager);
    expect((await manager.payment.list({ filter: { product: w.scalper.id, agent: w.agent.id } })).product).toEqual({ id: w.scalper.id, name: "BankNifty Scalper Pro" });
    // An agent who left the organization still filters the payments of the links they made.
    await prisma.membership.deleteMany({ where: { organizationId: w.organizationId, userId: w.otherAgent.id } });
    const left = await manager.payment.list({ filter: { agent: w.otherAgent.id } });
    expect(left.agent).toEqual({ id: w.otherAgent.id, name: "Rohit Verma" });
    expect(left.items.map((item) => item.id).sort()).toEqual(sorted(p.partlyRefunded, p.failed));
  });

  test("by a contact search: a word of the name, the last digits of the phone, the whole number typed any way", async () => {
    const w = await paymentWorld();
    const p = w.payments;
    expect(await ids(w, { q: "ananya" })).toEqual(sorted(p.paid, p.refunded, p.authorized));
    expect(await ids(w, { q: "Iye" })).toEqual(sorted(p.partlyRefunded, p.failed, p.flagged));
    expect(await ids(w, { q: "500022" })).toEqual(sorted(p.partlyRefunded, p.failed, p.flagged));
    expect(await ids(w, { q: "98765 00011" })).toEqual(sorted(p.paid, p.refunded, p.authorized));
    expect(await ids(w, { q: "bina" })).toEqual([]);
  });

  test("a word search finds the same payments and totals whichever way it meets them (looked up, hashed, probed per payment, sorted ids)", async () => {
    const w = await paymentWorld();
    const scope = { organizationId: w.organizationId, userId: w.manager.id, timeZone: "Asia/Kolkata" };
    for (const q of ["ananya", "iye", "ananya sharma", "kavya ananya", "98765 00022", "500011"]) {
      const filter = paymentFilterSchema.parse({ q });
      const answers = await Promise.all(
        (["join", "hashed", "lookups", "sortedIds"] as const).map(async (search) => ({
          page: (await prisma.$queryRaw<Array<{ id: string }>>(paymentPageSql(scope, { filter, limit: 51, search }))).map((row) => row.id),
          totals: (await prisma.$queryRaw<unknown[]>(paymentTotalsSql(scope, filter, search)))[0],
        })),
      );
      expect(answers[1], q).toEqual(answers[0]);
      expect(answers[2], q).toEqual(answers[0]);
      expect(answers[3], q).toEqual(answers[0]);
    }
  });

  test("a word's totals are the same met by a hash join or in contact order, and the join settings last only for that statement", async () => {
    const w = await paymentWorld();
    const scope = { organizationId: w.organizationId, userId: w.manager.id, timeZone: "Asia/Kolkata" };
    for (const q of ["ananya", "iye", "ananya sharma"]) {
      const statement = paymentTotalsSql(scope, paymentFilterSchema.parse({ q }), "join");
      const hashed = await withIndexScans(prisma, statement);
      expect(await withIndexScans(prisma, statement, { mergeJoins: true }), q).toEqual(hashed);
    }
    // The statement runs with hash joins priced out when asked, and only then.
    const hashJoins = Prisma.sql`SELECT current_setting('enable_hashjoin') AS "hashjoin"`;
    expect(await withIndexScans(prisma, hashJoins, { mergeJoins: true })).toEqual([{ hashjoin: "off" }]);
    expect(await withIndexScans(prisma, hashJoins)).toEqual([{ hashjoin: "on" }]);
    // Inside a caller's transaction the caller's own settings come back afterwards.
    const settings = await prisma.$transaction(async (tx) => {
      await withIndexScans(tx, paymentTotalsSql(scope, paymentFilterSchema.parse({ q: "ananya" }), "join"), { mergeJoins: true });
      return tx.$queryRaw<Array<{ hashjoin: string; seqscan: string }>>`SELECT current_setting('enable_hashjoin') AS "hashjoin", current_setting('enable_seqscan') AS "seqscan"`;
    });
    expect(settings).toEqual([{ hashjoin: "on", seqscan: "on" }]);
    // Without mergeJoins a caller's own join settings stand.
    const callers = await prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT set_config('enable_hashjoin', 'off', true)`;
      return withIndexScans(tx, hashJoins);
    });
    expect(callers).toEqual([{ hashjoin: "off" }]);
  });

  test("by days from and to, both included, as whole days of the organization's zone (India: a day starts at 18:30 UTC)", async () => {
    const w = await paymentWorld();
    const lastMoment = await w.pay({ paidAt: AT("2026-03-09T18:29:59.999Z"), amountPaise: 100n, contactId: w.ananya.id });
    const firstMoment = await w.pay({ paidAt: AT("2026-03-09T18:30:00.000Z"), amountPaise: 200n, contactId: w.ananya.id });
    const nextDay = await w.pay({ paidAt: AT("2026-03-10T18:30:00.000Z"), amountPaise: 300n, contactId: w.ananya.id });
    expect(await ids(w, { from: "2026-03-10", to: "2026-03-10" })).toEqual(sorted(firstMoment));
    expect(await ids(w, { from: "2026-03-09", to: "2026-03-09" })).toEqual(sorted(lastMoment));
    expect(await ids(w, { from: "2026-03-10" })).toEqual(sorted(firstMoment, nextDay, ...Object.values(w.payments)));
    expect(await ids(w, { to: "2026-03-10" })).toEqual(sorted(lastMoment, firstMoment));
    expect(await ids(w, { from: "2026-11-18", to: "2026-11-19", status: ["FAILED"] })).toEqual(sorted(w.payments.failed));
  });

  test("a day across a daylight-saving change is 23 hours long in New York, and the totals follow it", async () => {
    const w = await paymentWorld();
    await prisma.organization.update({ where: { id: w.organizationId }, data: { timezone: "America/New_York" } });
    // 8 March 2026: clocks go from 02:00 EST to 03:00 EDT; the day runs from 05:00 UTC to 04:00 UTC the next day.
    const before = await w.pay({ paidAt: AT("2026-03-08T04:59:59.999Z"), amountPaise: 100n, contactId: w.ananya.id });
    const first = await w.pay({ paidAt: AT("2026-03-08T05:00:00.000Z"), amountPaise: 200n, contactId: w.ananya.id });
    const last = await w.pay({ paidAt: AT("2026-03-09T03:59:59.999Z"), amountPaise: 400n, contactId: w.ananya.id });
    const after = await w.pay({ paidAt: AT("2026-03-09T04:00:00.000Z"), amountPaise: 800n, contactId: w.ananya.id });
    const manager = await w.as(w.manager);
    expect((await listAll(manager, { from: "2026-03-08", to: "2026-03-08" })).sort()).toEqual(sorted(first, last));
    expect((await listAll(manager, { from: "2026-03-07", to: "2026-03-07" })).sort()).toEqual(sorted(before));
    expect((await listAll(manager, { from: "2026-03-09", to: "2026-03-09" })).sort()).toEqual(sorted(after));
    expect(await manager.payment.totals({ filter: { from: "2026-03-08", to: "2026-03-08" } })).toEqual({
      payments: 2,
      counted: 2,
      capturedPaise: "600",
      refundedPaise: "0",
      netPaise: "600",
    });
  });

  test("bad filter values are refused by field, with a sentence a person can act on", async () => {
    const w = await paymentWorld();
    const manager = await w.as(w.manager);
    const refused = async (input: Parameters<typeof manager.payment.list>[0]) => toActionFailure(await expectTRPCError(manager.payment.list(input), "BAD_REQUEST")).fieldErrors;
    expect(await refused({ filter: { status: ["WON"] } })).toEqual({ "filter.status.0": "Choose paid, partly refunded, refunded, failed, authorized, needs review or unmatched" });
    expect(await refused({ filter: { product: "scalper" } })).toEqual({ "filter.product": "Choose one of your products" });
    expect(await refused({ filter: { agent: "1" } })).toEqual({ "filter.agent": "Choose a member of your organization" });
    expect(await refused({ filter: { contact: "x" } })).toEqual({ "filter.contact": "That contact link is not valid: open the contact again" });
    expect(await refused({ filter: { from: "2026-02-30" } })).toEqual({ "filter.from": "From must be a date like 2026-11-22" });
    expect(await refused({ filter: { to: "yesterday" } })).toEqual({ "filter.to": "To must be a date like 2026-11-22" });
    expect(await refused({ filter: { from: "2026-11-20", to: "2026-11-19" } })).toEqual({ "filter.from": "The From day must not be after the To day" });
    expect(await refused({ filter: { q: "x".repeat(101) } })).toEqual({ "filter.q": "Search for at most 100 characters" });
    expect(await refused({ after: "2026-11-20T10:00:00.000Z" })).toEqual({ after: "That page link is not valid: start again from the newest" });
    expect(await refused({ before: "2026-13-20T10:00:00.000Z_8f0e2a57-3c1b-4b0e-9a47-1d2c3b4a5f60" })).toEqual({ before: "That page link is not valid: start again from the newest" });
    const page = await manager.payment.list({});
    const cursor = `${page.items[0]!.paidAt.toISOString()}_${page.items[0]!.id}`;
    expect(await refused({ after: cursor, before: cursor })).toEqual({ after: "That page link is not valid: start again from the newest" });
    await expectTRPCError(manager.payment.totals({ filter: { status: ["PAID!"] } }), "BAD_REQUEST");
  });
});

describe("payment.list pages", () => {
  async function manyPayments(count: number) {
    const { organization, owner } = await createOrganization(prisma);
    const contact = await createContact(prisma, { organizationId: organization.id });
    const { account } = await createPaymentAccount(prisma, { organizationId: organization.id });
    const rows = [];
    // Ten payments share each paid-at time (a batch settled in one millisecond): only the id orders them.
    for (let i = 0; i < count; i++) {
      rows.push(
        await createPayment(prisma, {
          organizationId: organization.id,
          accountId: account.id,
          paidAt: new Date(Date.UTC(2026, 10, 1) + Math.floor(i / 10) * 60_000),
          amountPaise: BigInt(100 + i),
          contactId: contact.id,
          status: i % 7 === 0 ? "FAILED" : "CAPTURED",
        }),
      );
    }
    const { callerFor } = await import("~/testing/caller");
    return { rows: byNewest(rows), caller: (await callerFor(owner, { organizationId: organization.id })).caller };
  }

  test("following Older to the end shows every payment once, in order, 50 a page; Newer comes back through the same pages", async () => {
    const { rows, caller } = await manyPayments(137);
    const forward: string[][] = [];
    const cursors: Array<string | null> = [];
    let after: string | undefined;
    let page = await caller.payment.list({});
    expect(page.atNewest).toBe(true);
    expect(page.newerCursor).toBeNull();
    for (;;) {
      forward.push(page.items.map((item) => item.id));
      cursors.push(page.newerCursor);
      if (!page.olderCursor) break;
      after = page.olderCursor;
      page = await caller.payment.list({ after });
      expect(page.atNewest).toBe(false);
    }
    expect(forward.map((ids) => ids.length)).toEqual([50, 50, 37]);
    expect(forward.flat()).toEqual(rows.map((row) => row.id));

    // Back up from the last page: the same pages, then the newest page again (full, with nothing newer).
    let back = await caller.payment.list({ before: cursors[2]! });
    expect(back.items.map((item) => item.id)).toEqual(forward[1]);
    expect(back.newerCursor).not.toBeNull();
    back = await caller.payment.list({ before: back.newerCursor! });
    expect(back.items.map((item) => item.id)).toEqual(forward[0]);
    expect(back).toMatchObject({ atNewest: true, newerCursor: null });
    expect(back.olderCursor).not.toBeNull();
  });

  test("a page started anywhere (not on a page boundary) and its Newer page meet without a gap, and the top page is always full", async () => {
    const { rows, caller } = await manyPayments(120);
    const start = rows[73]!;
    const older = await caller.payment.list({ after: `${start.paidAt.toISOString()}_${start.id}` });
    expect(older.items.map((item) => item.id)).toEqual(rows.slice(74, 120).map((row) => row.id));
    const newer = await caller.payment.list({ before: older.newerCursor! });
    expect(newer.items.map((item) => item.id)).toEqual(rows.slice(24, 74).map((row) => row.id));
    // 24 newer than that: the newest page, full, instead of a page of 24.
    const top = await caller.payment.list({ before: newer.newerCursor! });
    expect(top.items.map((item) => item.id)).toEqual(rows.slice(0, 50).map((row) => row.id));
    expect(top.atNewest).toBe(true);
  });

  test("filtered pages page through the matching payments only", async () => {
    const { rows, caller } = await manyPayments(137);
    const failed = rows.filter((row) => row.status === "FAILED").map((row) => row.id);
    const paid = rows.filter((row) => row.status === "CAPTURED").map((row) => row.id);
    expect(await listAll(caller, { status: ["FAILED"] })).toEqual(failed);
    expect(await listAll(caller, { status: ["CAPTURED"] })).toEqual(paid);
    expect(paid).toHaveLength(117);
  });
});

describe("payment.totals", () => {
  test("counts the matching payments and adds up the counted ones: captured, refunded and net", async () => {
    const w = await paymentWorld();
    const manager = await w.as(w.manager);
    const all = await prisma.payment.findMany({ where: { organizationId: w.organizationId } });
    expect(await manager.payment.totals({})).toEqual(expectedTotals(all));
    expect(await manager.payment.totals({})).toEqual({ payments: 7, counted: 3, capturedPaise: "1999700", refundedPaise: "699900", netPaise: "1299800" });
    const cases: Array<[PaymentFilterInput, (row: (typeof all)[number]) => boolean]> = [
      [{ status: ["CAPTURED"] }, (row) => row.status === "CAPTURED"],
      [{ status: ["REFUNDED", "PARTIALLY_REFUNDED"] }, (row) => row.status === "REFUNDED" || row.status === "PARTIALLY_REFUNDED"],
      [{ status: ["NEEDS_REVIEW", "UNMATCHED"] }, (row) => row.reviewReason !== null || row.contactId === null],
      [{ product: w.scalper.id }, (row) => row.productId === w.scalper.id],
      [{ agent: w.otherAgent.id }, (row) => row.agentId === w.otherAgent.id],
      [{ contact: w.ananya.id }, (row) => row.contactId === w.ananya.id],
      [{ q: "kavya" }, (row) => row.contactId === w.kavya.id],
      [{ q: "ananya" }, (row) => row.contactId === w.ananya.id],
      [{ q: "ananya", status: ["CAPTURED"] }, (row) => row.contactId === w.ananya.id && row.status === "CAPTURED"],
      [{ from: "2026-11-16", to: "2026-11-18" }, (row) => row.paidAt >= AT("2026-11-15T18:30:00.000Z") && row.paidAt < AT("2026-11-18T18:30:00.000Z")],
    ];
    for (const [filter, keep] of cases) {
      expect(await manager.payment.totals({ filter }), JSON.stringify(filter)).toEqual(expectedTotals(all.filter(keep)));
    }
    expect(await manager.payment.totals({ filter: { status: ["FAILED"] } })).toEqual({ payments: 1, counted: 0, capturedPaise: "0", refundedPaise: "0", netPaise: "0" });
  });

  test("match the rows of many payments of every kind, summed here", async () => {
    const { organization, owner } = await createOrganization(prisma);
    const contact = await createContact(prisma, { organizationId: organization.id });
    const product = await createProduct(prisma, { organizationId: organization.id });
    const { account } = await createPaymentAccount(prisma, { organizationId: organization.id });
    const statuses = ["CAPTURED", "PARTIALLY_REFUNDED", "REFUNDED", "FAILED", "AUTHORIZED"] as const;
    for (let i = 0; i < 60; i++) {
      const status = statuses[i % statuses.length]!;
      const amountPaise = BigInt(4_999_00 + i * 1_37);
      await createPayment(prisma, {
        organizationId: organization.id,
        accountId: account.id,
        paidAt: new Date(Date.UTC(2026, 9, 1) + i * 3_600_000),
        amountPaise,
        status,
        refundedPaise: status === "PARTIALLY_REFUNDED" ? amountPaise / 3n : undefined,
        contactId: i % 11 === 0 ? null : contact.id,
        productId: product.id,
        reviewReason: i % 13 === 0 ? "Paid another amount" : null,
      });
    }
    const { callerFor } = await import("~/testing/caller");
    const caller = (await callerFor(owner, { organizationId: organization.id })).caller;
    const rows = await prisma.payment.findMany({ where: { organizationId: organization.id } });
    const totals = await caller.payment.totals({});
    expect(totals).toEqual(expectedTotals(rows));
    expect(BigInt(totals.netPaise)).toBe(BigInt(totals.capturedPaise) - BigInt(totals.refundedPaise));
    expect(totals.counted).toBeGreaterThan(20);
  });
});

describe("daily totals", () => {
  const BUCKET_SUMS = `SELECT "organizationId", "day", "status"::text, "flagged", "matched", sum("payments")::int AS "payments", sum("counted")::int AS "counted",
      sum("capturedPaise")::bigint AS "capturedPaise", sum("refundedPaise")::bigint AS "refundedPaise"`;

  /**
   * The daily totals with the changes not folded yet, as the payments say they should be; then folded:
   * the daily totals alone, no change left, no empty bucket.
   */
  async function dailyTotalsAgree() {
    const fromPayments = await prisma.$queryRaw<unknown[]>`
      SELECT "organizationId", ("paidAt" AT TIME ZONE 'UTC')::date AS "day", "status"::text, "reviewReason" IS NOT NULL AS "flagged", "contactId" IS NOT NULL AS "matched",
             count(*)::int AS "payments", (count(*) FILTER (WHERE "countedAt" IS NOT NULL))::int AS "counted",
             COALESCE(sum("amountPaise") FILTER (WHERE "countedAt" IS NOT NULL), 0)::bigint AS "capturedPaise",
             COALESCE(sum("refundedPaise") FILTER (WHERE "countedAt" IS NOT NULL), 0)::bigint AS "refundedPaise"
        FROM "Payment" GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`;
    const withChanges = await prisma.$queryRawUnsafe<unknown[]>(`
      ${BUCKET_SUMS} FROM (SELECT * FROM "PaymentDailyTotal" UNION ALL SELECT "organizationId", "day", "status", "flagged", "matched", "payments", "counted", "capturedPaise", "refundedPaise" FROM "PaymentDailyTotalChange") b
       GROUP BY 1, 2, 3, 4, 5 HAVING sum("payments") <> 0 ORDER BY 1, 2, 3, 4, 5`);
    expect(withChanges).toEqual(fromPayments);
    await foldPaymentDailyTotals(prisma);
    expect(await prisma.paymentDailyTotalChange.count()).toBe(0);
    expect(await prisma.$queryRawUnsafe<unknown[]>(`${BUCKET_SUMS} FROM "PaymentDailyTotal" GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`)).toEqual(fromPayments);
  }

  const FILTERS: PaymentFilterInput[] = [
    {},
    { status: ["CAPTURED"] },
    { status: ["FAILED", "NEEDS_REVIEW"] },
    { status: ["UNMATCHED", "REFUNDED", "PARTIALLY_REFUNDED"] },
    { from: "2026-03-09" },
    { to: "2026-03-09" },
    { from: "2026-03-09", to: "2026-03-09" },
    { from: "2026-03-08", to: "2026-03-10", status: ["CAPTURED", "REFUNDED"] },
    { from: "2026-03-01", to: "2026-03-31" },
    { from: "2025-01-01", to: "2027-12-31", status: ["NEEDS_REVIEW"] },
  ];

  async function sameTotalsEitherWay(organizationId: string, timeZone: string) {
    const scope = { organizationId, userId: organizationId, timeZone };
    for (const input of FILTERS) {
      const filter = paymentFilterSchema.parse(input);
      const daily = dailyPaymentTotalsSql(scope, filter);
      const raw = (await prisma.$queryRaw<unknown[]>(paymentTotalsSql(scope, filter)))[0];
      if (daily) expect((await prisma.$queryRaw<unknown[]>(daily))[0], `${timeZone} ${JSON.stringify(input)}`).toEqual(raw);
    }
  }

  test("kept by the triggers through inserts, the pipeline's updates, refunds, flags, matches, a contact's deletion and a payment's", async () => {
    const w = await paymentWorld();
    // Around midnight UTC and midnight in India, on days the filters cut through.
    const times = ["2026-03-08T23:59:59.999Z", "2026-03-09T00:00:00.000Z", "2026-03-09T18:29:59.999Z", "2026-03-09T18:30:00.000Z", "2026-03-10T12:00:00.000Z", "2026-03-31T20:00:00.000Z"];
    const made = [];
    for (const [i, at] of times.entries()) {
      made.push(await w.pay({ paidAt: AT(at), amountPaise: BigInt(10_000 + i), contactId: i % 3 === 0 ? null : w.ananya.id, status: i === 4 ? "FAILED" : "CAPTURED" }));
    }
    await sameTotalsEitherWay(w.organizationId, "Asia/Kolkata");
    await dailyTotalsAgree();
    await sameTotalsEitherWay(w.organizationId, "Asia/Kolkata");

    // The changes the pipeline makes: matched and counted; partly, then fully refunded; flagged.
    await prisma.payment.update({ where: { id: made[0]!.id }, data: { contactId: w.kavya.id, countedAt: AT("2026-03-09T00:00:05.000Z") } });
    await prisma.payment.update({ where: { id: made[1]!.id }, data: { status: "PARTIALLY_REFUNDED", refundedPaise: 2_000n } });
    await prisma.payment.update({ where: { id: made[1]!.id }, data: { status: "REFUNDED", refundedPaise: made[1]!.amountPaise } });
    await prisma.payment.update({ where: { id: made[2]!.id }, data: { reviewReason: "Paid another amount", countedAt: null } });
    // Several rows in one statement, and a statement that changes nothing the totals read.
    await prisma.payment.updateMany({ where: { organizationId: w.organizationId, status: "CAPTURED" }, data: { method: "card" } });
    await prisma.payment.updateMany({ where: { organizationId: w.organizationId, paidAt: { gte: AT("2026-03-10T00:00:00.000Z") } }, data: { refundedPaise: 1n } });
    await sameTotalsEitherWay(w.organizationId, "America/New_York");
    await dailyTotalsAgree();
    await sameTotalsEitherWay(w.organizationId, "Asia/Kolkata");
    await sameTotalsEitherWay(w.organizationId, "America/New_York");

    // A deleted contact leaves its payments unmatched (the foreign key sets it null); a deleted payment goes.
    await prisma.contact.delete({ where: { id: w.kavya.id } });
    await prisma.payment.delete({ where: { id: made[5]!.id } });
    await dailyTotalsAgree();
    await sameTotalsEitherWay(w.organizationId, "Asia/Kolkata");

    // The Razorpay pipeline itself: authorized, captured, refunded, in one of its orders.
    const link = await createPaymentLink(prisma, { organizationId: w.organizationId, accountId: w.account.id, contactId: w.ananya.id, amountPaise: 499_900n, providerLinkId: null });
    const story = newPaymentStory(link.id, 499_900, { refund: { providerRefundId: "rfnd_dailytotals01", amountPaise: 100_000 }, startedAt: Math.floor(AT("2026-03-09T18:29:58.000Z").getTime() / 1000) });
    const account = await prisma.paymentAccount.findUniqueOrThrow({ where: { id: w.account.id } });
    for (const event of ["payment.captured", "refund.processed", "payment.authorized", "payment_link.paid"] as const) {
      await prisma.$transaction((tx) => applyRazorpayEvent(tx, account, factsOfRazorpayEvent(razorpayEventSchema.parse(storyEvent(story, event)))));
    }
    await dailyTotalsAgree();
    await sameTotalsEitherWay(w.organizationId, "Asia/Kolkata");
    const manager = await w.as(w.manager);
    const raw = (await prisma.$queryRaw<Array<Record<string, number | bigint>>>(
      paymentTotalsSql({ organizationId: w.organizationId, userId: w.manager.id, timeZone: "Asia/Kolkata" }, paymentFilterSchema.parse({ from: "2026-03-09", to: "2026-03-10" })),
    ))[0]!;
    expect(await manager.payment.totals({ filter: { from: "2026-03-09", to: "2026-03-10" } })).toEqual(
      Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, typeof value === "bigint" ? value.toString() : value])),
    );
  });

  test("an organization's deletion takes its daily totals with it at the next fold; the other organization's stay", async () => {
    const w = await paymentWorld();
    await dailyTotalsAgree();
    expect(await prisma.paymentDailyTotal.count({ where: { organizationId: w.b.organization.id } })).toBe(1);
    await prisma.organization.delete({ where: { id: w.b.organization.id } });
    await dailyTotalsAgree();
    expect(await prisma.paymentDailyTotal.count({ where: { organizationId: w.b.organization.id } })).toBe(0);
    expect(await prisma.paymentDailyTotal.count({ where: { organizationId: w.organizationId } })).toBeGreaterThan(0);
  });

  test("two transactions changing payments of the same day and status never wait for each other", async () => {
    const w = await paymentWorld();
    const paidAt = AT("2026-03-09T10:00:00.000Z");
    const [first, second] = [await w.pay({ paidAt, amountPaise: 100n, contactId: w.ananya.id }), await w.pay({ paidAt, amountPaise: 200n, contactId: w.kavya.id })];
    await foldPaymentDailyTotals(prisma);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const isHolding = new Promise<void>((resolve) => (holding = resolve));
    // One transaction refunds the first payment and stays open...
    const slow = prisma.$transaction(
      async (tx) => {
        await tx.payment.update({ where: { id: first.id }, data: { status: "REFUNDED", refundedPaise: 100n } });
        holding();
        await held;
      },
      { timeout: 20_000 },
    );
    await isHolding;
    // ...while another refunds the second, in the same bucket, with no patience for a lock.
    await prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL lock_timeout = '300ms'`;
      await tx.payment.update({ where: { id: second.id }, data: { status: "REFUNDED", refundedPaise: 200n } });
    });
    release();
    await slow;
    await dailyTotalsAgree();
  });
});

describe("tenancy", () => {
  test("another organization's payments never appear, in the list, the totals or through a cursor taken from them", async () => {
    const w = await paymentWorld();
    const manager = await w.as(w.manager);
    const mine = await listAll(manager);
    expect(mine).not.toContain(w.bPayment.id);
    expect(mine).toHaveLength(7);
    expect((await manager.payment.totals({})).payments).toBe(7);
    // B's payment as a cursor is only a position: A's payments older than it, never B's.
    const fromB = await manager.payment.list({ after: `${w.bPayment.paidAt.toISOString()}_${w.bPayment.id}` });
    expect(fromB.items.map((item) => item.id)).not.toContain(w.bPayment.id);
    expect(fromB.items).toHaveLength(7);
    // B's owner sees B's only.
    const bOwner = await w.as(w.b.owner, w.b.organization.id);
    expect(await listAll(bOwner)).toEqual([w.bPayment.id]);
    expect(await bOwner.payment.totals({})).toEqual({ payments: 1, counted: 1, capturedPaise: "777700", refundedPaise: "0", netPaise: "777700" });
  });

  test("another organization's contact, product or agent as a filter is NOT_FOUND, in the list, the totals and the export", async () => {
    const w = await paymentWorld();
    const manager = await w.as(w.manager);
    const foreign: Array<[PaymentFilterInput, string]> = [
      [{ contact: w.bContact.id }, "Contact not found."],
      [{ product: w.bProduct.id }, "Product not found."],
      [{ agent: w.bAgent.id }, "Agent not found."],
      [{ agent: w.b.owner.id }, "Agent not found."],
      [{ contact: w.ananya.id, product: w.bProduct.id }, "Product not found."],
    ];
    for (const [filter, message] of foreign) {
      await expectTRPCError(manager.payment.list({ filter }), "NOT_FOUND", message);
      await expectTRPCError(manager.payment.totals({ filter }), "NOT_FOUND", message);
      await expectTRPCError(manager.payment.prepareExport({ filter }), "NOT_FOUND", message);
    }
    // A well-formed id nobody has is the same answer.
    await expectTRPCError(manager.payment.list({ filter: { contact: "8f0e2a57-3c1b-4b0e-9a47-1d2c3b4a5f60" } }), "NOT_FOUND", "Contact not found.");
  });

  test("the filter options are the organization's own products (archived ones too) and members", async () => {
    const w = await paymentWorld();
    await prisma.product.update({ where: { id: w.suite.id }, data: { active: false } });
    const options = await (await w.as(w.viewer)).payment.filterOptions();
    expect(options.products).toEqual([
      { id: w.scalper.id, name: "BankNifty Scalper Pro", active: true },
      { id: w.suite.id, name: "Nifty Options Suite", active: false },
    ]);
    expect(options.members.map((member) => member.name)).toEqual(["Aisha Khan", "Neha Kapoor", "Priya Manager", "Rohit Verma", "Vikram Viewer"]);
  });

  test("someone who is not a member of an organization gets nothing", async () => {
    const w = await paymentWorld();
    const { anonymousCaller } = await import("~/testing/caller");
    const { caller } = await anonymousCaller();
    await expectTRPCError(caller.payment.list({}), "UNAUTHORIZED");
    const outsider = await w.as(w.bAgent, w.organizationId);
    await expectTRPCError(outsider.payment.list({}), ["FORBIDDEN", "UNAUTHORIZED"]);
  });
});
