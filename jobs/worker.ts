// Starts a graphile-worker runner with our tasks and crontab, and records a
// heartbeat so /healthz can tell whether a worker is alive.
import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Logger, run, type Runner } from "graphile-worker";
import { createPrismaClient } from "~/utils/db.server";
import { taskList } from "./task-list";

export const HEARTBEAT_INTERVAL_MS = 10_000;
const CRONTAB_PATH = path.join(path.dirname(fileURLToPath(import.meta.url)), "crontab");

export type WorkerHandle = { workerId: string; runner: Runner; stop: () => Promise<void> };

const quietLogger = new Logger((scope) => (level, message) => {
  if (level === "error" || level === "warning") console.error(`[worker] ${message}`);
  else if (process.env.WORKER_LOG === "verbose") console.log(`[worker] ${message}`, scope.taskIdentifier ?? "");
});

export async function startWorker(options: { connectionString: string; concurrency: number }): Promise<WorkerHandle> {
  const workerId = `${os.hostname()}:${process.pid}:${Date.now().toString(36)}`;
  const db = createPrismaClient(options.connectionString, 2);
  const runner = await run({
    connectionString: options.connectionString,
    concurrency: options.concurrency,
    noHandleSignals: true,
    pollInterval: 2_000,
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
      await db.$disconnect();
    },
  };
}
