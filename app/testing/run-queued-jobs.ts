// Runs the jobs queued in the test's database with the real task functions, as a worker would
// (without one): each queued job of the given tasks once, then removes it.
import type { JobHelpers } from "graphile-worker";
import { prisma } from "~/utils/db.server";
import { taskList } from "../../jobs/task-list";

const logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, scope: () => logger };

export async function runQueuedJobs(tasks: string[], { concurrency = 1 }: { concurrency?: number } = {}): Promise<number> {
  const jobs = await prisma.$queryRaw<Array<{ id: string; task: string; payload: unknown }>>`
    SELECT j.id::text AS id, t.identifier AS task, j.payload FROM graphile_worker._private_jobs j
      JOIN graphile_worker._private_tasks t ON t.id = j.task_id
     WHERE t.identifier = ANY(${tasks}::text[]) ORDER BY j.id`;
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      const task = taskList[job.task as keyof typeof taskList]!;
      await task(job.payload, { logger, job: { id: job.id, attempts: 1 } } as unknown as JobHelpers);
      await prisma.$executeRaw`DELETE FROM graphile_worker._private_jobs WHERE id = ${job.id}::bigint`;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
  return jobs.length;
}
