import { json } from "@remix-run/node";
import { prisma } from "~/utils/db.server";

const WORKER_STALE_AFTER_MS = 30_000;

async function checkDatabase() {
  const started = performance.now();
  try {
    await prisma.$queryRaw`SELECT 1`;
    return { ok: true as const, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    return { ok: false as const, error: (error as Error).message.split("\n")[0] };
  }
}

async function checkWorkers() {
  try {
    const since = new Date(Date.now() - WORKER_STALE_AFTER_MS);
    const alive = await prisma.workerHeartbeat.findMany({
      where: { lastSeenAt: { gte: since } },
      select: { workerId: true, lastSeenAt: true },
      orderBy: { lastSeenAt: "desc" },
    });
    return { ok: alive.length > 0, count: alive.length, lastSeenAt: alive[0]?.lastSeenAt ?? null };
  } catch {
    return { ok: false, count: 0, lastSeenAt: null };
  }
}

/** Liveness for load balancers and people: 200 when the database and at least one worker are up, else 503. */
export async function loader() {
  const [database, worker] = await Promise.all([checkDatabase(), checkWorkers()]);
  const ok = database.ok && worker.ok;
  return json(
    { status: ok ? "ok" : "degraded", database, worker },
    { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
