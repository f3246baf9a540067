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

export function jobKey(task: TaskName, entityId: string): string {
  return `${task}:${entityId}`;
}
