// What the dashboard and the contacts list ask of an organization with N contacts:
//   1. the dashboard summary — the 5 counts of dashboard.summary, through the
//      real tRPC router — against the same 5 counts in plain `pg`;
//   2. the first page of contacts filtered by stage + temperature, sorted by
//      score (highest first, id breaking ties as the list's contactOrderSql
//      does), 50 rows with the owner's name — through Prisma's findMany, and
//      through the app's filter compiler (contactWhereSql/contactOrderSql) with
//      $queryRaw — against the same query in plain `pg`.
// Filters rotate through every stage × temperature pair, so the percentiles
// cover rare and common combinations alike.
import type { ContactStage, Temperature } from "../../app/generated/prisma/enums";
import { contactOrderSql, contactWhereSql } from "../../app/models/contact-query.server";
import { dashboardRouter } from "../../app/trpc/routers/dashboard/_router";
import { contactFilterSchema } from "../../app/domain/contact/contact-filter.schema";
import { createCallerFactory, router, type Context } from "../../app/trpc/trpc.server";
import { STAGES, TEMPERATURES } from "../../prisma/factories";
import type { Benchmark, BenchContext } from "../lib/benchmark";
import { figure, latencyFigures, measureInterleaved, type Figure } from "../lib/measure";

const PAGE_SIZE = 50;
const COMBOS: Array<{ stage: ContactStage; temperature: Temperature }> = STAGES.flatMap((stage) =>
  TEMPERATURES.map((temperature) => ({ stage, temperature })),
);

type Summary = { contacts: number; hotLeads: number; converted: number; members: number; products: number };

const SUMMARY_SQL = {
  contacts: `SELECT count(*)::int AS n FROM "Contact" WHERE "organizationId" = $1`,
  hotLeads: `SELECT count(*)::int AS n FROM "Contact" WHERE "organizationId" = $1 AND temperature = 'HOT'`,
  converted: `SELECT count(*)::int AS n FROM "Contact" WHERE "organizationId" = $1 AND stage = 'CONVERTED'`,
  members: `SELECT count(*)::int AS n FROM "Membership" WHERE "organizationId" = $1`,
  products: `SELECT count(*)::int AS n FROM "Product" WHERE "organizationId" = $1 AND active`,
} satisfies Record<keyof Summary, string>;

const SUMMARY_ONE_QUERY_SQL = `
SELECT count(*)::int AS contacts,
       count(*) FILTER (WHERE temperature = 'HOT')::int AS "hotLeads",
       count(*) FILTER (WHERE stage = 'CONVERTED')::int AS converted,
       (SELECT count(*)::int FROM "Membership" WHERE "organizationId" = $1) AS members,
       (SELECT count(*)::int FROM "Product" WHERE "organizationId" = $1 AND active) AS products
FROM "Contact" WHERE "organizationId" = $1`;

const LIST_SQL = `
SELECT c.id, c.name, c.phone, c.email, c.source, c.stage, c.temperature, c.score, c."createdAt",
       o.id AS "ownerId", o.name AS "ownerName"
FROM "Contact" c
LEFT JOIN "User" o ON o.id = c."ownerId"
WHERE c."organizationId" = $1 AND c.stage = $2 AND c.temperature = $3
ORDER BY c.score DESC, c.id DESC
LIMIT ${PAGE_SIZE}`;

type ListRow = { id: string; name: string; score: number; ownerName: string | null };

async function pgSummary(context: BenchContext, organizationId: string): Promise<Summary> {
  const entries = await Promise.all(
    Object.entries(SUMMARY_SQL).map(async ([key, sql]) => {
      const { rows } = await context.pool.query<{ n: number }>(sql, [organizationId]);
      return [key, rows[0]!.n] as const;
    }),
  );
  return Object.fromEntries(entries) as Summary;
}

async function pgSummaryOneQuery(context: BenchContext, organizationId: string): Promise<Summary> {
  const { rows } = await context.pool.query<Summary>(SUMMARY_ONE_QUERY_SQL, [organizationId]);
  return rows[0]!;
}

function prismaPage(context: BenchContext, organizationId: string, combo: (typeof COMBOS)[number]) {
  return context.db.contact.findMany({
    where: { organizationId, stage: combo.stage, temperature: combo.temperature },
    orderBy: [{ score: "desc" }, { id: "desc" }],
    take: PAGE_SIZE,
    select: {
      id: true,
      name: true,
      phone: true,
      email: true,
      source: true,
      stage: true,
      temperature: true,
      score: true,
      createdAt: true,
      owner: { select: { id: true, name: true } },
    },
  });
}

const compiledFilters = COMBOS.map((combo) =>
  contactFilterSchema.parse({ stage: [combo.stage], temperature: [combo.temperature] }),
);

function compiledPage(context: BenchContext, organization: { id: string; ownerUserId: string }, i: number) {
  const where = contactWhereSql({ organizationId: organization.id, userId: organization.ownerUserId, timeZone: "Asia/Kolkata" }, compiledFilters[i % COMBOS.length]!);
  return context.db.$queryRaw<ListRow[]>`
    SELECT c.id, c.name, c.phone, c.email, c.source, c.stage, c.temperature, c.score, c."createdAt",
           o.id AS "ownerId", o.name AS "ownerName"
    FROM "Contact" c LEFT JOIN "User" o ON o.id = c."ownerId"
    WHERE ${where}
    ORDER BY ${contactOrderSql("score", "desc")}
    LIMIT ${PAGE_SIZE}`;
}

async function pgPage(context: BenchContext, organizationId: string, combo: (typeof COMBOS)[number]) {
  const { rows } = await context.pool.query<ListRow>(LIST_SQL, [organizationId, combo.stage, combo.temperature]);
  return rows;
}

async function explain(context: BenchContext, sql: string, values: unknown[]): Promise<string> {
  const { rows } = await context.pool.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, values);
  return rows.map((row) => row["QUERY PLAN"]).join("\n");
}

export const contactsPage: Benchmark = {
  name: "contacts-page",
  description:
    "Dashboard summary (5 counts via the tRPC router) and first contacts page by stage+temperature sorted by score (Prisma) vs plain pg",
  defaultIterations: 500,
  defaultContacts: 100_000,
  async run(context) {
    const { dataset, iterations, log } = context;
    const org = dataset.main;
    const ctx: Context = {
      db: context.db,
      request: null,
      session: { id: "bench", organizationId: org.id, user: { id: org.ownerUserId, email: "owner@bench", name: "Bench Owner" } },
      user: { id: org.ownerUserId, email: "owner@bench", name: "Bench Owner" },
      org: { id: org.id, name: org.name, slug: org.slug, timeZone: "Asia/Kolkata", role: "OWNER", membershipId: "bench" },
    };
    // Only the dashboard router, so unrelated routers being worked on cannot stop this benchmark.
    const caller = createCallerFactory(router({ dashboard: dashboardRouter }))(ctx);

    // The variants must agree before they are compared.
    const expected = await pgSummary(context, org.id);
    const fromRouter = await caller.dashboard.summary();
    const fromOneQuery = await pgSummaryOneQuery(context, org.id);
    for (const [name, got] of Object.entries({ "dashboard.summary": fromRouter, "pg, 1 query": fromOneQuery })) {
      if (JSON.stringify(got) !== JSON.stringify(expected)) {
        throw new Error(`${name} returned ${JSON.stringify(got)}, the baseline ${JSON.stringify(expected)}`);
      }
    }
    if (expected.contacts !== org.contacts) throw new Error(`main organization has ${expected.contacts} contacts, expected ${org.contacts}`);
    let pageRows = 0;
    for (const [i, combo] of COMBOS.entries()) {
      const viaPrisma = await prismaPage(context, org.id, combo);
      const viaCompiler = await compiledPage(context, org, i);
      const viaPg = await pgPage(context, org.id, combo);
      const a = viaPrisma.map((row) => `${row.id}:${row.score}:${row.owner?.name ?? ""}`).join(",");
      const b = viaPg.map((row) => `${row.id}:${row.score}:${row.ownerName ?? ""}`).join(",");
      const c = viaCompiler.map((row) => `${row.id}:${row.score}:${row.ownerName ?? ""}`).join(",");
      if (a !== b) throw new Error(`Prisma and pg disagree on the page for ${combo.stage}/${combo.temperature}`);
      if (c !== b) throw new Error(`the filter compiler and pg disagree on the page for ${combo.stage}/${combo.temperature}`);
      pageRows += viaPg.length;
    }

    const summaryIterations = Math.max(10, Math.round(iterations / 10));
    log(`dashboard summary: ${summaryIterations} iterations per variant, interleaved`);
    const summary = await measureInterleaved(
      {
        router: async () => void (await caller.dashboard.summary()),
        pg: async () => void (await pgSummary(context, org.id)),
        pgOne: async () => void (await pgSummaryOneQuery(context, org.id)),
      },
      { warmup: Math.min(5, summaryIterations), iterations: summaryIterations },
    );

    log(`contacts page: ${iterations} iterations per variant, interleaved, ${COMBOS.length} filter combinations`);
    const page = await measureInterleaved(
      {
        prisma: async (i) => (await prismaPage(context, org.id, COMBOS[i % COMBOS.length]!)).length,
        compiler: async (i) => (await compiledPage(context, org, i)).length,
        pg: async (i) => (await pgPage(context, org.id, COMBOS[i % COMBOS.length]!)).length,
      },
      { warmup: Math.min(2 * COMBOS.length, iterations), iterations },
    );

    const commonCombo = { stage: "NEW", temperature: "COLD" } as const;
    const rareCombo = { stage: "CHURNED", temperature: "HOT" } as const;
    const plans = {
      summaryContacts: await explain(context, SUMMARY_SQL.contacts, [org.id]),
      summaryHotLeads: await explain(context, SUMMARY_SQL.hotLeads, [org.id]),
      summaryOneQuery: await explain(context, SUMMARY_ONE_QUERY_SQL, [org.id]),
      pageCommon: await explain(context, LIST_SQL, [org.id, commonCombo.stage, commonCombo.temperature]),
      pageRare: await explain(context, LIST_SQL, [org.id, rareCombo.stage, rareCombo.temperature]),
    };

    const baselineLabel = "pg, same queries";
    const figures: Figure[] = [
      ...latencyFigures("dashboard.summary (tRPC+Prisma)", summary.router, summary.pg, ["p50", "p95"], baselineLabel),
      ...latencyFigures("summary, pg 1 query", summary.pgOne, summary.pg, ["p50", "p95"], baselineLabel),
      ...latencyFigures("contacts page (Prisma findMany)", page.prisma, page.pg, ["p50", "p95", "p99"], baselineLabel),
      ...latencyFigures("contacts page (compiler+$queryRaw)", page.compiler, page.pg, ["p50", "p95"], baselineLabel),
      figure("contacts page rows/s (Prisma)", page.prisma.rowsPerSec ?? Number.NaN, "rows/s", page.pg.rowsPerSec ?? undefined, baselineLabel),
      figure("peak RSS", Math.max(summary.router.peakRssBytes, page.prisma.peakRssBytes) / 2 ** 20, "MiB"),
    ];
    return {
      figures,
      details: {
        organization: { id: org.id, contacts: org.contacts },
        summaryCounts: expected,
        summaryIterations,
        pageSize: PAGE_SIZE,
        combinations: COMBOS.length,
        rowsPerPassOverAllCombinations: pageRows,
        summary,
        page,
        sql: { summary: SUMMARY_SQL, summaryOneQuery: SUMMARY_ONE_QUERY_SQL.trim(), page: LIST_SQL.trim() },
        plans,
      },
    };
  },
};
