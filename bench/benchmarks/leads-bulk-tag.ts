// Issue 3, '"select all matching" + add tag to 100,000 contacts: ≤ 10 s'.
//
// A filter selection (a score range chosen so ~100,000 contacts of the main
// organization match) and the action "add tag", through the app's service:
// startBulkAction (counts, stores the BulkOperation, queues the job) then
// runBulkOperation (the job's work: the matching contacts cut into id ranges
// of 10,000, two ranges at a time, each adding the tags and writing their
// timeline in its own transaction), timed end to end
// until the operation is COMPLETED. Checked: the result says every matching
// contact changed, and that many ContactTag rows really exist.
// Baseline: one set-based INSERT … SELECT … ON CONFLICT DO NOTHING in plain pg.
//
// The benchmark's own tag ("bench-bulk") is reset before and after each run:
// its ContactTag rows, the timeline rows and BulkOperation rows of earlier
// runs, and the queued job are removed; the contacts stay.
import type { BenchContext, Benchmark } from "../lib/benchmark";
import { ensureJobQueue, removeJob } from "../lib/leads";
import { figure, timeOnce, withTarget, type Figure } from "../lib/measure";

const TAG_NAME = "bench-bulk";
const TARGET_CONTACTS = 100_000;
const TARGET_SECONDS = 10;

async function ensureTag(context: BenchContext): Promise<string> {
  const { rows } = await context.pool.query<{ id: string }>(
    `INSERT INTO "Tag" ("organizationId", "name", "color") VALUES ($1, $2, 'slate')
     ON CONFLICT ("organizationId", "name") DO UPDATE SET "color" = EXCLUDED."color" RETURNING "id"`,
    [context.dataset.main.id, TAG_NAME],
  );
  return rows[0]!.id;
}

async function reset(context: BenchContext, tagId: string) {
  const org = context.dataset.main.id;
  await context.pool.query(`DELETE FROM "ContactTag" WHERE "organizationId" = $1 AND "tagId" = $2`, [org, tagId]);
  await context.pool.query(
    `DELETE FROM "ContactEvent" WHERE "organizationId" = $1 AND "type" IN ('TAG_ADDED', 'TAG_REMOVED') AND "data"->>'tagId' = $2`,
    [org, tagId],
  );
  const { rows } = await context.pool.query<{ id: string }>(
    `DELETE FROM "BulkOperation" WHERE "organizationId" = $1 AND "params"->>'tagId' = $2 RETURNING "id"`,
    [org, tagId],
  );
  for (const row of rows) await removeJob(context, `contacts_bulk_apply:${row.id}`);
  // Leave the tables as the next benchmark expects them (visibility map set for index-only scans).
  await context.pool.query(`VACUUM (ANALYZE) "ContactTag", "ContactEvent", "Contact"`);
}

/** The highest-score range [min, 100] holding about TARGET_CONTACTS contacts of the main organization. */
async function scoreRange(context: BenchContext): Promise<{ scoreMin: number; scoreMax: number; count: number }> {
  const { rows } = await context.pool.query<{ score: number; n: number }>(
    `SELECT score, count(*)::int AS n FROM "Contact" WHERE "organizationId" = $1 GROUP BY score ORDER BY score DESC`,
    [context.dataset.main.id],
  );
  let count = 0;
  let best = { scoreMin: 100, scoreMax: 100, count: 0 };
  for (const row of rows) {
    const next = count + row.n;
    if (Math.abs(next - TARGET_CONTACTS) > Math.abs(count - TARGET_CONTACTS) && count > 0) break;
    count = next;
    best = { scoreMin: row.score, scoreMax: 100, count };
  }
  return best;
}

async function taggedCount(context: BenchContext, tagId: string): Promise<number> {
  const { rows } = await context.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "ContactTag" WHERE "organizationId" = $1 AND "tagId" = $2`,
    [context.dataset.main.id, tagId],
  );
  return rows[0]!.n;
}

const BASELINE_SQL = `
INSERT INTO "ContactTag" ("organizationId", "contactId", "tagId", "source")
SELECT c."organizationId", c."id", $2::uuid, 'MANUAL'::"TagSource"
  FROM "Contact" c
 WHERE c."organizationId" = $1::uuid AND c."score" >= $3 AND c."score" <= $4
ON CONFLICT DO NOTHING`;

export async function runLeadsBulkTag(context: BenchContext) {
  const { log } = context;
  const org = context.dataset.main;
  const { startBulkAction, runBulkOperation } = await import("../../app/services/bulk-contacts.server");
  const { contactFilterSchema } = await import("../../app/domain/contact/contact-filter.schema");
  await ensureJobQueue(context);
  const tagId = await ensureTag(context);
  const range = await scoreRange(context);
  const filter = contactFilterSchema.parse({ scoreMin: range.scoreMin, scoreMax: range.scoreMax });
  log(`bulk: filter score ${range.scoreMin}–${range.scoreMax} matches ${range.count.toLocaleString("en-US")} contacts; resetting tag ${TAG_NAME}`);

  // Baseline first, on a clean tag.
  await reset(context, tagId);
  const baseline = await timeOnce(async () => {
    const client = await context.pool.connect();
    try {
      await client.query("BEGIN");
      const result = await client.query(BASELINE_SQL, [org.id, tagId, range.scoreMin, range.scoreMax]);
      await client.query("COMMIT");
      return result.rowCount ?? 0;
    } finally {
      client.release();
    }
  }, (n) => n);
  if (baseline.result !== range.count) throw new Error(`baseline tagged ${baseline.result}, expected ${range.count}`);
  log(`bulk baseline: ${(baseline.ms / 1000).toFixed(2)} s for ${baseline.result.toLocaleString("en-US")} tags`);

  await reset(context, tagId);
  const command = { action: "addTag" as const, params: { tagId, tagName: TAG_NAME } };
  const timed = await timeOnce(async () => {
    const t0 = performance.now();
    const started = await startBulkAction(context.db, { organizationId: org.id, userId: org.ownerUserId, command, selection: { filter } });
    const startMs = performance.now() - t0;
    if (started.mode !== "job") throw new Error(`expected a background job for ${started.total} contacts, got ${started.mode}`);
    const finished = await runBulkOperation(context.db, started.operationId);
    return { started, startMs, finished };
  }, ({ finished }) => finished?.changed ?? 0);
  const { started, startMs, finished } = timed.result;
  await removeJob(context, `contacts_bulk_apply:${started.operationId}`);
  const tagRows = await taggedCount(context, tagId);
  const events = await context.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "ContactEvent" WHERE "organizationId" = $1 AND "type" = 'TAG_ADDED' AND "data"->>'bulkOperationId' = $2`,
    [org.id, started.operationId],
  );
  log(
    `bulk app: ${(timed.ms / 1000).toFixed(2)} s; status ${finished?.status}, total ${finished?.total}, changed ${finished?.changed}; ` +
      `${tagRows} ContactTag rows, ${events.rows[0]!.n} timeline rows`,
  );
  const problems: string[] = [];
  if (finished?.status !== "COMPLETED") problems.push(`operation ended ${finished?.status ?? "missing"} (${finished?.error ?? ""})`);
  if (finished?.changed !== range.count) problems.push(`result says ${finished?.changed} changed, expected ${range.count}`);
  if (tagRows !== range.count) problems.push(`${tagRows} ContactTag rows for the tag, expected ${range.count}`);

  // The per-batch statement, for the record.
  const { bulkBatchSql, rangeScope } = await import("../../app/services/bulk-contacts-sql.server");
  const { contactWhereSql } = await import("../../app/models/contact-query.server");
  const scope = contactWhereSql({ organizationId: org.id, userId: org.ownerUserId, timeZone: "Asia/Kolkata" }, filter);
  const batchSql = bulkBatchSql({
    organizationId: org.id,
    actorId: org.ownerUserId,
    operationId: started.operationId,
    command,
    scope: rangeScope(scope, { after: "00000000-0000-0000-0000-000000000000", through: "19999999-9999-9999-9999-999999999999" }),
  });
  await reset(context, tagId);
  if (problems.length) throw new Error(`bulk add tag: ${problems.join("; ")}`);

  const label = "pg, one INSERT … SELECT … ON CONFLICT DO NOTHING";
  const figures: Figure[] = [
    withTarget(figure(`bulk add tag to ${range.count.toLocaleString("en-US")} (start → COMPLETED)`, timed.ms / 1000, "s", baseline.ms / 1000, label), "atMost", TARGET_SECONDS),
    figure("bulk add tag: contacts changed/s", timed.rowsPerSec ?? Number.NaN, "rows/s", baseline.rowsPerSec ?? undefined, label),
    figure("bulk add tag: startBulkAction (count + queue)", startMs, "ms"),
    figure("bulk add tag: changed (result)", finished?.changed ?? Number.NaN, "contacts"),
    figure("bulk add tag: ContactTag rows written", tagRows, "rows", baseline.result, label),
  ];
  return {
    figures,
    details: {
      filter,
      matching: range.count,
      operation: finished,
      startMs,
      appMs: timed.ms,
      baselineMs: baseline.ms,
      timelineRows: events.rows[0]!.n,
      peakRssBytes: timed.peakRssBytes,
      sql: { baseline: BASELINE_SQL.trim(), appBatch: batchSql.text },
    },
  };
}

export const leadsBulkTag: Benchmark = {
  name: "leads-bulk-tag",
  description: "bulk add tag to ~100,000 contacts by filter (startBulkAction + runBulkOperation) vs one INSERT … SELECT in plain pg",
  defaultIterations: 1,
  defaultContacts: 1_000_000,
  run: runLeadsBulkTag,
};
