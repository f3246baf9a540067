// GET /healthz/ready — readiness of this web process: 200 when it can reach
// the database, else 503. Workers are reported but not required: a web node
// that runs none (RUN_WORKER=false) is ready as long as it can serve pages.
import { json } from "@remix-run/node";
import { HEALTH_HEADERS, checkDatabase, checkWorkers } from "~/services/health.server";
import { prisma } from "~/utils/db.server";

export async function loader() {
  const [database, worker] = await Promise.all([checkDatabase(prisma), checkWorkers(prisma)]);
  return json(
    { status: database.ok ? "ready" : "unavailable", database, worker },
    { status: database.ok ? 200 : 503, headers: HEALTH_HEADERS },
  );
}
