// Shared by the leads-* benchmarks (issue 3, "Performance"): an OWNER context
// for the real tRPC procedures, the job queue's schema (bulk actions and
// imports enqueue a graphile-worker job, which the benchmarks run directly),
// and small helpers.
import { runMigrations } from "graphile-worker";
import type { Context } from "../../app/trpc/trpc.server";
import type { BenchContext } from "./benchmark";

/** A real tRPC context for the main organization's owner, as bench/benchmarks/contacts-page.ts builds one. */
export function ownerContext(context: BenchContext): Context {
  const org = context.dataset.main;
  const user = { id: org.ownerUserId, email: "owner@main.bench.leadlane.in", name: "Bench Owner" };
  return {
    db: context.db,
    request: null,
    session: { id: "bench", organizationId: org.id, user },
    user,
    org: { id: org.id, name: org.name, slug: org.slug, timeZone: "Asia/Kolkata", role: "OWNER", membershipId: "bench" },
  };
}

/**
 * Bulk actions and imports enqueue a `graphile_worker` job in the same
 * transaction. The bench database holds only the app's migrations, so install
 * the worker's schema (idempotent; it touches nothing of the app's). No worker
 * runs: the benchmark calls the job's function itself and removes the job.
 */
export async function ensureJobQueue(context: BenchContext): Promise<void> {
  await runMigrations({ connectionString: context.databaseUrl });
}

/** Removes a queued job by its key (the benchmark did the job's work itself). */
export async function removeJob(context: BenchContext, key: string): Promise<void> {
  await context.pool.query(`SELECT graphile_worker.remove_job($1)`, [key]);
}

export async function explain(context: BenchContext, sql: string, values: unknown[]): Promise<string> {
  const { rows } = await context.pool.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, values);
  return rows.map((row) => row["QUERY PLAN"]).join("\n");
}

/** Deterministic pseudo-random numbers (mulberry32), so generated inputs are the same every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The bench process's log prefix for a sub-benchmark of leads-all. */
export function prefixed(log: (line: string) => void, name: string): (line: string) => void {
  return (line) => log(`${name}: ${line}`);
}
