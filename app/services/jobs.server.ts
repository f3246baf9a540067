// The only place that adds background jobs. Jobs are added with SQL so they
// can join the transaction that creates the rows they act on.
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
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

export function jobKey(task: TaskName, entityId: string): string {
  return `${task}:${entityId}`;
}
