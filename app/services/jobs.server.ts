// The only place that adds background jobs. Jobs are added with SQL so they
// can join the transaction that creates the rows they act on.
import { Prisma, type PrismaClient } from "~/generated/prisma/client";
import type { TaskName, TaskPayloads } from "~/services/job-payloads";

type Tx = Prisma.TransactionClient | PrismaClient;

export type EnqueueOptions = {
  /** `<task>:<entityId>`; a later job with the same key replaces a pending one. */
  jobKey?: string;
  jobKeyMode?: "replace" | "preserve_run_at" | "unsafe_dedupe";
  runAt?: Date;
  maxAttempts?: number;
  /** Jobs sharing a queue name run one at a time, in order (a conversation's sends). */
  queueName?: string;
};

export async function enqueueJob<T extends TaskName>(
  db: Tx,
  task: T,
  payload: TaskPayloads[T],
  options: EnqueueOptions = {},
): Promise<void> {
  await db.$executeRaw`
    SELECT graphile_worker.add_job(
      ${task}::text,
      ${JSON.stringify(payload)}::json,
      queue_name => ${options.queueName ?? null}::text,
      run_at => ${options.runAt ?? null}::timestamptz,
      max_attempts => ${options.maxAttempts ?? 10}::int,
      job_key => ${options.jobKey ?? null}::text,
      job_key_mode => ${options.jobKeyMode ?? "replace"}::text
    )`;
}

/**
 * The add_job call as an SQL fragment, for a statement that writes a row and its job together
 * (`WITH row AS (INSERT … RETURNING id) SELECT <this> FROM row`): one round trip, atomic without an
 * explicit transaction. `payload` and `key` are SQL over that statement's rows.
 */
export function addJobSql(task: TaskName, { payload, key, maxAttempts = 10, jobKeyMode = "replace" }: { payload: Prisma.Sql; key: Prisma.Sql; maxAttempts?: number; jobKeyMode?: EnqueueOptions["jobKeyMode"] }): Prisma.Sql {
  return Prisma.sql`graphile_worker.add_job(
      ${task}::text,
      ${payload},
      max_attempts => ${maxAttempts}::int,
      job_key => ${key},
      job_key_mode => ${jobKeyMode}::text
    )`;
}

/**
 * The add_jobs call as an SQL query over the rows of `from` (a CTE of the same statement): one job
 * per row, `task`, `payload` and `key` SQL over that row. One call, one "new jobs" notification,
 * however many rows. For a statement that writes rows and their jobs together.
 */
export function addJobsSql({ from, task, payload, key, maxAttempts = 10, preserveRunAt = false }: { from: Prisma.Sql; task: Prisma.Sql; payload: Prisma.Sql; key: Prisma.Sql; maxAttempts?: number; preserveRunAt?: boolean }): Prisma.Sql {
  return Prisma.sql`SELECT job.id FROM graphile_worker.add_jobs(
      (SELECT array_agg(ROW(${task}, ${payload}, NULL, NULL, ${maxAttempts}::smallint, ${key}, NULL, NULL)::graphile_worker.job_spec) FROM ${from}),
      job_key_preserve_run_at => ${preserveRunAt}
    ) AS job`;
}

export function jobKey(task: TaskName, entityId: string): string {
  return `${task}:${entityId}`;
}

/**
 * Cancels the pending job with this key, in the caller's transaction (graphile_worker.remove_job).
 * A job already running is left to finish but not retried; its task re-checks the world anyway.
 */
export async function removeJob(db: Tx, key: string): Promise<void> {
  await db.$executeRaw`SELECT graphile_worker.remove_job(${key}::text)`;
}

/** Several jobs of one task in one statement (graphile_worker.add_jobs), each with its own key and run_at. */
export async function enqueueJobs<T extends TaskName>(
  db: Tx,
  task: T,
  jobs: Array<{ payload: TaskPayloads[T]; jobKey?: string; runAt?: Date; maxAttempts?: number }>,
): Promise<void> {
  if (jobs.length === 0) return;
  await db.$executeRaw`SELECT ${enqueueJobsSql(task, jobs)}`;
}

/** enqueueJobs as an SQL expression (how many jobs it added), for a statement that does more at once. */
export function enqueueJobsSql<T extends TaskName>(
  task: T,
  jobs: Array<{ payload: TaskPayloads[T]; jobKey?: string; runAt?: Date; maxAttempts?: number }>,
): Prisma.Sql {
  if (jobs.length === 0) return Prisma.sql`0`;
  const specs = jobs.map((job) => ({
    payload: job.payload,
    run_at: job.runAt?.toISOString() ?? null,
    job_key: job.jobKey ?? null,
    max_attempts: job.maxAttempts ?? 10,
  }));
  return Prisma.sql`(SELECT count(*) FROM graphile_worker.add_jobs((
      SELECT array_agg(ROW(${task}::text, s.payload, NULL, s.run_at, s.max_attempts, s.job_key, NULL, NULL)::graphile_worker.job_spec)
        FROM json_to_recordset(${JSON.stringify(specs)}::json) AS s(payload json, run_at timestamptz, job_key text, max_attempts smallint)
    )))`;
}
