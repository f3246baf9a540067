// Starts a graphile-worker runner with our tasks and crontab, and records a
// heartbeat so /healthz can tell whether a worker is alive.
import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Logger, run, type Runner } from "graphile-worker";
import type pg from "pg";
import { prisma } from "~/utils/db.server";
import { sharedPool } from "~/utils/pg-pool.server";
import { taskList } from "./task-list";

export const HEARTBEAT_INTERVAL_MS = 10_000;
const CRONTAB_PATH = path.join(path.dirname(fileURLToPath(import.meta.url)), "crontab");

export type WorkerHandle = { workerId: string; runner: Runner; stop: () => Promise<void> };

/** How long running jobs may go on after a stop before their abort signal fires. */
export const DEFAULT_SHUTDOWN_GRACE_MS = 5_000;

/** How long a finished job waits for others to be marked done with it. */
const LOCAL_BATCH_DELAY_MS = 10;

const quietLogger = new Logger((scope) => (level, message, meta) => {
  // A long job stopped for a shutdown is expected, not a failure worth a stack trace.
  const failure = meta as { error?: Error; job?: { id: string; task_identifier: string } } | undefined;
  if (failure?.error?.name === "JobStoppedError") {
    console.log(`[worker] job ${failure.job?.id ?? "?"} (${failure.job?.task_identifier ?? "task"}) ${failure.error.message}`);
  } else if (level === "error" || level === "warning") console.error(`[worker] ${message}`);
  else if (process.env.WORKER_LOG === "verbose") console.log(`[worker] ${message}`, scope.taskIdentifier ?? "");
});

/**
 * Runs the worker on the process's shared pool (graphile-worker keeps one of its
 * connections for LISTEN and borrows others per job; the heartbeat and the
 * jobs themselves go through the process-wide Prisma client on the same pool).
 */
export async function startWorker(options: {
  concurrency: number;
  pool?: pg.Pool;
  /**
   * On stop, no new job starts; running ones get this long to finish, then
   * their abort signal fires (long jobs stop between batches and resume on the
   * next attempt), so a stopped worker never leaves a job locked.
   */
  shutdownGraceMs?: number;
}): Promise<WorkerHandle> {
  const workerId = `${os.hostname()}:${process.pid}:${Date.now().toString(36)}`;
  const db = prisma;
  // The pool already has its error listeners, so graphile-worker adds none of
  // its own and leaves the pool open on stop: it is ended, awaited, by the
  // process's shutdown after the runner has stopped.
  const pgPool = options.pool ?? sharedPool();
  const runner = await run({
    pgPool,
    concurrency: options.concurrency,
    noHandleSignals: true,
    gracefulShutdownAbortTimeout: options.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS,
    // A job due later (a send waiting for its sender's next rate window, a snooze's end) runs only
    // when the worker looks for jobs again: no notification wakes it. Looking every half second
    // keeps a sender limited to N a second sending N, where every 2 s lost about one window in two.
    pollInterval: 500,
    // Under load, fetch jobs for every free slot in one query and mark finished ones done a few
    // at a time: a job the crash of a worker leaves locked after its work committed runs again and
    // finds nothing to do (every task re-checks the world first).
    preset: { worker: { localQueue: { size: options.concurrency + 1 }, completeJobBatchDelay: LOCAL_BATCH_DELAY_MS, failJobBatchDelay: LOCAL_BATCH_DELAY_MS } },
    taskList,
    crontab: await readFile(CRONTAB_PATH, "utf8"),
    logger: quietLogger,
  });
  const startedAt = new Date();
  const beat = () =>
    db.workerHeartbeat
      .upsert({
        where: { workerId },
        create: { workerId, hostname: os.hostname(), pid: process.pid, startedAt, lastSeenAt: new Date() },
        update: { lastSeenAt: new Date() },
      })
      .catch((error: unknown) => console.error("[worker] heartbeat failed:", (error as Error).message));
  await beat();
  const timer = setInterval(beat, HEARTBEAT_INTERVAL_MS);
  timer.unref();
  let stopped = false;
  return {
    workerId,
    runner,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      await runner.stop();
      await db.workerHeartbeat.deleteMany({ where: { workerId } }).catch(() => {});
    },
  };
}
