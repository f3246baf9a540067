// Issue 3, "list filtered by stage and temperature, sorted by score, any page:
// p95 ≤ 50 ms server time".
//
// Through the real procedure: `contacts.list` called with createCaller
// (app/trpc/root.server.ts) and an OWNER context — input validation
// (contactListSchema), the page (listContactPage: a deferred join) and the
// count (exact up to LIST_COUNT_CAP = 100,000, then the planner's estimate:
// countContactsForList) in parallel, as the handler runs them.
// Baseline: the same two statements in plain `pg`, also in parallel (the
// baseline stops at the cap; above it the app asks the planner once more).
//
// Filters rotate through all 24 stage × temperature pairs; each is measured on
// page 1, page 20 and its last page (deep OFFSET), so "any page" is covered.
import { CONTACT_STAGES, TEMPERATURES } from "../../app/domain/contact/contact-filter.schema";
import { LIST_COUNT_CAP } from "../../app/trpc/routers/contacts/list.handler";
import type { Benchmark, BenchContext } from "../lib/benchmark";
import { explain, ownerContext } from "../lib/leads";
import { latencyFigures, measureInterleaved, withTarget, type Figure, type Stats } from "../lib/measure";

const PER_PAGE = 50;
const COUNT_CAP = LIST_COUNT_CAP;
const TARGET_P95_MS = 50;

type Combo = { stage: (typeof CONTACT_STAGES)[number]; temperature: (typeof TEMPERATURES)[number]; count: number };

export const PAGE_SQL = `
WITH page AS MATERIALIZED (
  SELECT c."id" FROM "Contact" c
   WHERE c."organizationId" = $1::uuid AND c."stage" = $2::"ContactStage" AND c."temperature" = $3::"Temperature"
   ORDER BY c."score" DESC, c."id" DESC
   LIMIT $4 OFFSET $5
)
SELECT c."id", c."name", c."phone", c."email", c."stage"::text AS "stage", c."temperature"::text AS "temperature",
       c."score", c."source"::text AS "source", c."ownerId", o."name" AS "ownerName",
       c."lastActivityAt", c."createdAt", c."version", COALESCE(t."tags", '[]'::json) AS "tags"
  FROM page p
  JOIN "Contact" c ON c."id" = p."id" AND c."organizationId" = $1::uuid
  LEFT JOIN "User" o ON o."id" = c."ownerId"
  LEFT JOIN LATERAL (
    SELECT json_agg(json_build_object('id', tag."id", 'name', tag."name", 'color', tag."color",
                                      'source', ct."source", 'confidence', ct."confidence") ORDER BY tag."name") AS "tags"
      FROM "ContactTag" ct JOIN "Tag" tag ON tag."id" = ct."tagId" AND tag."organizationId" = ct."organizationId"
     WHERE ct."organizationId" = c."organizationId" AND ct."contactId" = c."id"
  ) t ON true
 ORDER BY c."score" DESC, c."id" DESC`;

export const COUNT_SQL = `
SELECT count(*)::int AS "count" FROM (
  SELECT 1 FROM "Contact" c
   WHERE c."organizationId" = $1::uuid AND c."stage" = $2::"ContactStage" AND c."temperature" = $3::"Temperature"
   LIMIT ${COUNT_CAP + 1}) AS matching`;

async function combos(context: BenchContext): Promise<Combo[]> {
  const { rows } = await context.pool.query<{ stage: Combo["stage"]; temperature: Combo["temperature"]; n: number }>(
    `SELECT stage::text AS stage, temperature::text AS temperature, count(*)::int AS n
       FROM "Contact" WHERE "organizationId" = $1 GROUP BY 1, 2`,
    [context.dataset.main.id],
  );
  const counts = new Map(rows.map((row) => [`${row.stage}/${row.temperature}`, row.n]));
  return CONTACT_STAGES.flatMap((stage) =>
    TEMPERATURES.map((temperature) => ({ stage, temperature, count: counts.get(`${stage}/${temperature}`) ?? 0 })),
  );
}

const DEPTHS = ["page 1", "page 20", "last page"] as const;
type Depth = (typeof DEPTHS)[number];

function pageFor(depth: Depth, combo: Combo): number {
  if (depth === "page 1") return 1;
  if (depth === "page 20") return 20;
  return Math.max(1, Math.ceil(combo.count / PER_PAGE));
}

export async function runLeadsList(context: BenchContext) {
  const { log, iterations } = context;
  const org = context.dataset.main;
  // Imported here, not at the top: root.server pulls in every router.
  const { createCaller } = await import("../../app/trpc/root.server");
  const caller = createCaller(ownerContext(context));
  const all = await combos(context);

  const viaApp = async (combo: Combo, page: number) =>
    caller.contacts.list({ filter: { stage: [combo.stage], temperature: [combo.temperature], source: [], tag: [] }, sort: "score", dir: "desc", page, perPage: PER_PAGE });
  const viaPg = async (combo: Combo, page: number) => {
    const [rows, counted] = await Promise.all([
      context.pool.query<{ id: string; score: number; ownerName: string | null; tags: Array<{ name: string }> }>(PAGE_SQL, [
        org.id,
        combo.stage,
        combo.temperature,
        PER_PAGE,
        (page - 1) * PER_PAGE,
      ]),
      context.pool.query<{ count: number }>(COUNT_SQL, [org.id, combo.stage, combo.temperature]),
    ]);
    const count = counted.rows[0]!.count;
    return { rows: rows.rows, total: count, exact: count <= COUNT_CAP };
  };

  // The procedure and the baseline must return the same page and total before anything is timed.
  for (const combo of all) {
    for (const depth of DEPTHS) {
      const page = pageFor(depth, combo);
      const [a, b] = await Promise.all([viaApp(combo, page), viaPg(combo, page)]);
      const key = (rows: Array<{ id: string; score: number; ownerName: string | null; tags: Array<{ name: string }> }>) =>
        rows.map((row) => `${row.id}:${row.score}:${row.ownerName ?? ""}:${row.tags.map((tag) => tag.name).join("|")}`).join(",");
      if (key(a.rows) !== key(b.rows) || a.totalIsExact !== b.exact || (b.exact && a.total !== b.total)) {
        throw new Error(`contacts.list and pg disagree on ${combo.stage}/${combo.temperature} ${depth} (page ${page})`);
      }
    }
  }
  log(`list: results agree on ${all.length} filters × ${DEPTHS.length} depths; ${iterations} iterations per depth and variant`);

  const stats: Record<string, { app: Stats; pg: Stats }> = {};
  for (const depth of DEPTHS) {
    const measured = await measureInterleaved(
      {
        app: async (i) => {
          const combo = all[i % all.length]!;
          return (await viaApp(combo, pageFor(depth, combo))).rows.length;
        },
        pg: async (i) => {
          const combo = all[i % all.length]!;
          return (await viaPg(combo, pageFor(depth, combo))).rows.length;
        },
      },
      { warmup: Math.min(all.length, iterations), iterations },
    );
    stats[depth] = measured;
    log(`list ${depth}: app p95 ${measured.app.p95.toFixed(1)} ms, pg p95 ${measured.pg.p95.toFixed(1)} ms`);
  }
  // Every depth together: "any page".
  const samples = (key: "app" | "pg") => DEPTHS.map((depth) => stats[depth]![key]);
  const worst = (key: "app" | "pg") => Math.max(...samples(key).map((s) => s.p95));

  const biggest = all.reduce((a, b) => (b.count > a.count ? b : a));
  const plans = {
    biggestCombo: `${biggest.stage}/${biggest.temperature} (${biggest.count})`,
    firstPage: await explain(context, PAGE_SQL, [org.id, biggest.stage, biggest.temperature, PER_PAGE, 0]),
    lastPage: await explain(context, PAGE_SQL, [org.id, biggest.stage, biggest.temperature, PER_PAGE, (pageFor("last page", biggest) - 1) * PER_PAGE]),
    count: await explain(context, COUNT_SQL, [org.id, biggest.stage, biggest.temperature]),
  };

  const label = "pg, same page + capped count in parallel";
  const figures: Figure[] = [];
  for (const depth of DEPTHS) {
    const [p50, p95] = latencyFigures(`list stage+temp by score, ${depth}`, stats[depth]!.app, stats[depth]!.pg, ["p50", "p95"], label);
    figures.push(p50!, withTarget(p95!, "atMost", TARGET_P95_MS));
  }
  figures.push(
    withTarget(
      { metric: "list, any page: worst p95", value: worst("app"), unit: "ms", baseline: worst("pg"), ratio: worst("app") / worst("pg"), baselineLabel: label },
      "atMost",
      TARGET_P95_MS,
    ),
  );
  return {
    figures,
    details: {
      perPage: PER_PAGE,
      combos: all,
      pages: Object.fromEntries(all.map((combo) => [`${combo.stage}/${combo.temperature}`, DEPTHS.map((depth) => pageFor(depth, combo))])),
      stats,
      sql: { page: PAGE_SQL.trim(), count: COUNT_SQL.trim() },
      plans,
    },
  };
}

export const leadsList: Benchmark = {
  name: "leads-list",
  description: "contacts.list (tRPC caller) by stage+temperature sorted by score, page 1 / 20 / last, vs the same SQL in plain pg",
  defaultIterations: 96,
  defaultContacts: 1_000_000,
  run: runLeadsList,
};
