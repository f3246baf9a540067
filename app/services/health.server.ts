// What the health endpoints report. Answers say up or down, never why: the
// database's error text (host names, user names, versions) stays in the log.
import type { PrismaClient } from "~/generated/prisma/client";

export const WORKER_STALE_AFTER_MS = 30_000;

export type DatabaseHealth = { ok: true; latencyMs: number } | { ok: false };
export type WorkerHealth = { ok: boolean; count: number; lastSeenAt: Date | null };

let lastLogged = 0;
/** At most one line every 10 s, however often a load balancer asks. */
function logFailure(what: string, error: unknown) {
  if (Date.now() - lastLogged < 10_000) return;
  lastLogged = Date.now();
  // Prisma's message opens with where it was called; the reason is its last line.
  const lines = String((error as Error)?.message ?? error).split("\n").map((line) => line.trim()).filter(Boolean);
  console.error(`[health] ${what} check failed: ${lines.at(-1) ?? "unknown error"}`);
}

export async function checkDatabase(db: PrismaClient): Promise<DatabaseHealth> {
  const started = performance.now();
  try {
    await db.$queryRaw`SELECT 1`;
    return { ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    logFailure("database", error);
    return { ok: false };
  }
}

/** Workers with a heartbeat in the last 30 s, anywhere (any process sharing the database). */
export async function checkWorkers(db: PrismaClient): Promise<WorkerHealth> {
  try {
    const since = new Date(Date.now() - WORKER_STALE_AFTER_MS);
    const alive = await db.workerHeartbeat.findMany({
      where: { lastSeenAt: { gte: since } },
      select: { workerId: true, lastSeenAt: true },
      orderBy: { lastSeenAt: "desc" },
    });
    return { ok: alive.length > 0, count: alive.length, lastSeenAt: alive[0]?.lastSeenAt ?? null };
  } catch (error) {
    logFailure("worker", error);
    return { ok: false, count: 0, lastSeenAt: null };
  }
}

export const HEALTH_HEADERS = { "Cache-Control": "no-store" } as const;
