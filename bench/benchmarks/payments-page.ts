// The payments page at 200,000 payments in one organization (plus the other organizations' own): the
// first page, pages deep in the list (the cursor followed 50 pages down, a cursor from the middle, the
// page before it), each filter on its own and in combinations, and the totals for each filter: p95 ≤ 50 ms
// each. Also the whole page as its loader asks for it (list, totals and filter options together).
//
// Through the real procedures (createCaller over the app's root router) with a real manager's context
// (every member sees every payment, so an agent's calls are the same queries). The payments are a layer
// over the contacts (bench/generate-payments.ts), generated once and kept while the dataset holds.
// Baseline, in the same run and interleaved with every case: one payment by primary key in plain pg.
import { Prisma } from "../../app/generated/prisma/client";
import type { PaymentFilterInput } from "../../app/domain/payment/payment-filter";
import type { BenchContext, Benchmark } from "../lib/benchmark";
import { mainOrganizationMember } from "../lib/member-context";
import { latencyFigures, measureInterleaved, withTarget, type Figure, type Stats } from "../lib/measure";
import { ensurePayments } from "../generate-payments";

const TARGET_MS = 50;
const PAYMENTS = 200_000;
/** The other organizations get as many payments per contact as the main one has with the default dataset. */
const PER_OTHER_CONTACT = 0.2;
const DEEP_PAGES = 50;
const TIME_ZONE = "Asia/Kolkata";


/** "2026-11-22": a day `daysAgo` days before now, in India. */
function dayBefore(daysAgo: number): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: TIME_ZONE }).format(new Date(Date.now() - daysAgo * 86_400_000));
}

type Case = { name: string; run: () => Promise<number> };

export async function runPaymentsPage(context: BenchContext) {
  const { log, iterations, pool, db } = context;
  const org = context.dataset.main;
  const layer = await ensurePayments(pool, context.dataset, { payments: PAYMENTS, perOtherContact: PER_OTHER_CONTACT, log });
  const { createCaller } = await import("../../app/trpc/root.server");
  const { dailyPaymentTotalsSql, paymentPageSql, paymentTotalsSql, paymentSearchMode, withIndexScans, PAGE_SEARCH_LIMITS } = await import(
    "../../app/models/payment-list.server"
  );
  const { paymentListSchema } = await import("../../app/domain/payment/payment-filter");
  // The minute's sweep, as the worker would have run it: the changes the generation recorded, folded.
  const { foldPaymentDailyTotals } = await import("../../app/models/payment-list.server");
  log(`folded ${await foldPaymentDailyTotals(db)} daily-total changes`);
  const manager = (await mainOrganizationMember(context, "manager-1@main.bench.leadlane.in", { timeZone: TIME_ZONE })).context;
  const caller = createCaller(manager);

  // The data's shape, and the values the filters pick.
  const { rows: shape } = await pool.query<Record<string, number>>(
    `SELECT count(*)::int AS payments, count(*) FILTER (WHERE "countedAt" IS NOT NULL)::int AS counted,
            count(*) FILTER (WHERE status = 'FAILED')::int AS failed, count(*) FILTER (WHERE status = 'REFUNDED')::int AS refunded,
            count(*) FILTER (WHERE "reviewReason" IS NOT NULL)::int AS "needsReview", count(*) FILTER (WHERE "contactId" IS NULL)::int AS unmatched,
            count(DISTINCT "contactId")::int AS contacts, count(DISTINCT "agentId")::int AS agents
       FROM "Payment" WHERE "organizationId" = $1`,
    [org.id],
  );
  const pick = async (sql: string) => (await pool.query<{ id: string; n: number; name?: string; phone?: string }>(sql, [org.id])).rows[0]!;
  const product = await pick(`SELECT "productId" AS id, count(*)::int AS n FROM "Payment" WHERE "organizationId" = $1 AND "productId" IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 1`);
  const busyAgent = await pick(`SELECT "agentId" AS id, count(*)::int AS n FROM "Payment" WHERE "organizationId" = $1 AND "agentId" IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 1`);
  const quietAgent = await pick(`SELECT "agentId" AS id, count(*)::int AS n FROM "Payment" WHERE "organizationId" = $1 AND "agentId" IS NOT NULL GROUP BY 1 ORDER BY 2 ASC LIMIT 1`);
  const contact = await pick(
    `SELECT p."contactId" AS id, count(*)::int AS n, min(c.name) AS name, min(c.phone) AS phone FROM "Payment" p JOIN "Contact" c ON c.id = p."contactId"
      WHERE p."organizationId" = $1 GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
  );
  // A name word of the busiest contact (thousands of contacts share it), the commonest word of all
  // (tens of thousands), and a 5-digit phone ending.
  const nameWord = (contact.name ?? "akash").split(/\s+/)[0]!.toLowerCase();
  const { rows: common } = await pool.query<{ word: string; n: number }>(
    `SELECT word, count(*)::int AS n FROM "ContactSearchWord" WHERE "organizationId" = $1 AND word ~ '^[a-z]{4,}$' GROUP BY word ORDER BY n DESC LIMIT 1`,
    [org.id],
  );
  const commonWord = common[0]!.word;
  const phoneEnding = (contact.phone ?? "+919800000000").slice(-5);
  log(
    `main organization: ${JSON.stringify(shape[0])}; product ${product.n}, agents ${busyAgent.n} and ${quietAgent.n}, contact ${contact.n} payments; ` +
      `search "${nameWord}", "${commonWord}" (${common[0]!.n} contacts) and "${phoneEnding}"`,
  );

  const filters: Array<{ name: string; filter: PaymentFilterInput }> = [
    { name: "no filter", filter: {} },
    { name: "status paid", filter: { status: ["CAPTURED"] } },
    { name: "status failed", filter: { status: ["FAILED"] } },
    { name: "status refunded", filter: { status: ["REFUNDED"] } },
    { name: "status needs review", filter: { status: ["NEEDS_REVIEW"] } },
    { name: "status unmatched", filter: { status: ["UNMATCHED"] } },
    { name: "status failed or needs review", filter: { status: ["FAILED", "NEEDS_REVIEW"] } },
    { name: "product", filter: { product: product.id } },
    { name: "agent (busiest)", filter: { agent: busyAgent.id } },
    { name: "agent (quietest)", filter: { agent: quietAgent.id } },
    { name: "contact (most payments)", filter: { contact: contact.id } },
    { name: `search name "${nameWord}"`, filter: { q: nameWord } },
    { name: `search commonest name "${commonWord}"`, filter: { q: commonWord } },
    { name: `search phone "${phoneEnding}"`, filter: { q: phoneEnding } },
    { name: "last 30 days", filter: { from: dayBefore(30), to: dayBefore(0) } },
    { name: "one day a year ago", filter: { from: dayBefore(365), to: dayBefore(365) } },
    { name: "last 365 days", filter: { from: dayBefore(365), to: dayBefore(0) } },
    { name: "product + paid + last 90 days", filter: { product: product.id, status: ["CAPTURED"], from: dayBefore(90), to: dayBefore(0) } },
    { name: "quietest agent + failed", filter: { agent: quietAgent.id, status: ["FAILED"] } },
  ];

  // Deep pages: the cursor followed 50 pages down; a cursor from the middle of the list; the page before it.
  let cursor: string | undefined;
  for (let page = 1; page < DEEP_PAGES; page++) {
    const result = await caller.payment.list({ filter: {}, after: cursor });
    if (!result.olderCursor) throw new Error(`fewer than ${DEEP_PAGES} pages of payments`);
    cursor = result.olderCursor;
  }
  const deepCursor = cursor!;
  const middle = async (where: string) => {
    const { rows } = await pool.query<{ at: Date; id: string }>(
      `SELECT "paidAt" AS at, id FROM "Payment" WHERE "organizationId" = $1 ${where}
        ORDER BY "paidAt" DESC, id DESC OFFSET (SELECT count(*) / 2 FROM "Payment" WHERE "organizationId" = $1 ${where}) LIMIT 1`,
      [org.id],
    );
    return `${rows[0]!.at.toISOString()}_${rows[0]!.id}`;
  };
  const middleCursor = await middle("");
  const middleFailedCursor = await middle(`AND status = 'FAILED'`);

  const list = (filter: PaymentFilterInput, page: { after?: string; before?: string } = {}) => async () => (await caller.payment.list({ filter, ...page })).items.length;
  const totals = (filter: PaymentFilterInput) => async () => {
    const result = await caller.payment.totals({ filter });
    return result.payments || 1;
  };
  const cases: Case[] = [
    ...filters.map((entry) => ({ name: `list, ${entry.name}`, run: list(entry.filter) })),
    { name: `list, page ${DEEP_PAGES}`, run: list({}, { after: deepCursor }) },
    { name: "list, middle cursor", run: list({}, { after: middleCursor }) },
    { name: "list, the page before the middle", run: list({}, { before: middleCursor }) },
    { name: "list, middle cursor, status failed", run: list({ status: ["FAILED"] }, { after: middleFailedCursor }) },
    ...filters.map((entry) => ({ name: `totals, ${entry.name}`, run: totals(entry.filter) })),
    {
      name: "whole page (list + totals + options), no filter",
      run: async () => {
        const [page] = await Promise.all([caller.payment.list({ filter: {} }), caller.payment.totals({ filter: {} }), caller.payment.filterOptions()]);
        return page.items.length;
      },
    },
  ];

  const scope = { organizationId: org.id, userId: manager.user!.id, timeZone: TIME_ZONE };
  // The totals must be what the rows add up to, for every filter, before anything is timed.
  for (const entry of filters) {
    const parsed = paymentListSchema.parse({ filter: entry.filter });
    const got = await caller.payment.totals({ filter: entry.filter });
    const rows = await db.$queryRaw<Array<{ payments: number; captured: bigint; refunded: bigint }>>`
      SELECT count(*)::int AS payments, COALESCE(sum(x."amountPaise") FILTER (WHERE x."countedAt" IS NOT NULL), 0)::bigint AS captured,
             COALESCE(sum(x."refundedPaise") FILTER (WHERE x."countedAt" IS NOT NULL), 0)::bigint AS refunded
        FROM (${paymentPageSql(scope, { filter: parsed.filter, limit: 1_000_000 })}) x`;
    const expected = rows[0]!;
    if (got.payments !== expected.payments || got.capturedPaise !== expected.captured.toString() || got.refundedPaise !== expected.refunded.toString()) {
      throw new Error(`${entry.name}: totals ${JSON.stringify(got)} disagree with the listed rows ${JSON.stringify(expected, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))}`);
    }
  }
  log("totals agree with the rows the list would show, for every filter");
  for (const entry of cases) {
    const n = await entry.run();
    if (!n) throw new Error(`${entry.name}: nothing returned`);
  }

  // Plans of the list's and the totals' statements for each filter, for the JSON (why the indexes are what they are).
  const plans: Record<string, { list: string; totals: string }> = {};
  for (const entry of filters) {
    const parsed = paymentListSchema.parse({ filter: entry.filter });
    const explain = async (sql: ReturnType<typeof paymentTotalsSql>) => {
      const rows = await db.$queryRaw<Array<{ "QUERY PLAN": string }>>`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql}`;
      return rows.map((row) => row["QUERY PLAN"]).join("\n");
    };
    // Each statement as the procedures run it: the search's way; the totals from the daily totals when
    // the filter allows, else from the payments with index scans.
    const pageSearch = await paymentSearchMode(db, scope, parsed.filter.q, PAGE_SEARCH_LIMITS);
    const daily = dailyPaymentTotalsSql(scope, parsed.filter);
    plans[entry.name] = {
      list: await explain(paymentPageSql(scope, { filter: parsed.filter, limit: 51, search: pageSearch })),
      totals: daily
        ? await explain(daily)
        : (await withIndexScans<{ "QUERY PLAN": string }>(db, Prisma.sql`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${paymentTotalsSql(scope, parsed.filter, "join")}`, {
            mergeJoins: Boolean(parsed.filter.q) && pageSearch === "lookups",
          }))
            .map((row) => row["QUERY PLAN"])
            .join("\n"),
    };
  }

  const { rows: newest } = await pool.query<{ id: string }>(`SELECT id FROM "Payment" WHERE "organizationId" = $1 ORDER BY "paidAt" DESC LIMIT 1`, [org.id]);
  const byKey = async () => (await pool.query(`SELECT * FROM "Payment" WHERE id = $1`, [newest[0]!.id])).rows.length;
  const baselineLabel = "pg, one payment by primary key";
  const figures: Figure[] = [];
  const stats: Record<string, { app: Stats; pg: Stats }> = {};
  for (const entry of cases) {
    const measured = await measureInterleaved({ app: entry.run, pg: byKey }, { warmup: Math.min(10, iterations), iterations });
    stats[entry.name] = measured;
    log(`${entry.name}: p50 ${measured.app.p50.toFixed(1)} ms, p95 ${measured.app.p95.toFixed(1)} ms (baseline p95 ${measured.pg.p95.toFixed(2)} ms)`);
    const [p50, p95] = latencyFigures(entry.name, measured.app, measured.pg, ["p50", "p95"], baselineLabel);
    figures.push(p50!, withTarget(p95!, "atMost", TARGET_MS));
  }
  return { figures, details: { layer, shape: shape[0], picks: { product, busyAgent, quietAgent, contact: { id: contact.id, n: contact.n }, nameWord, phoneEnding }, plans, stats } };
}

export const paymentsPage: Benchmark = {
  name: "payments-page",
  description: "payment.list (filters, deep keyset pages) and payment.totals over 200,000 payments vs a pg primary-key lookup",
  defaultIterations: 100,
  defaultContacts: 1_000_000,
  run: runPaymentsPage,
};
