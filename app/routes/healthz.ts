// GET /healthz — the whole system: 200 when the database and at least one
// worker (in any process) are up, else 503. For a load balancer's checks of
// one web process use /healthz/live and /healthz/ready instead.
import { json } from "@remix-run/node";
import { HEALTH_HEADERS, checkDatabase, checkWorkers } from "~/services/health.server";
import { prisma } from "~/utils/db.server";

export async function loader() {
  const [database, worker] = await Promise.all([checkDatabase(prisma), checkWorkers(prisma)]);
  const ok = database.ok && worker.ok;
  return json({ status: ok ? "ok" : "degraded", database, worker }, { status: ok ? 200 : 503, headers: HEALTH_HEADERS });
}
