// GET /healthz/live — liveness: this process is running and answering. Touches
// nothing else, so a database outage never gets a healthy process restarted.
import { json } from "@remix-run/node";
import { HEALTH_HEADERS } from "~/services/health.server";

export function loader() {
  return json({ status: "ok" }, { headers: HEALTH_HEADERS });
}
