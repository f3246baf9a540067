import type { Task } from "graphile-worker";
import { taskPayloadSchemas } from "~/services/job-payloads";
import { purgeExpiredAuthState } from "~/services/auth-cleanup.server";

/** Hourly: removes expired sessions, stale throttle counters and old worker heartbeats. */
const sessionsPurge: Task = async (payload, helpers) => {
  taskPayloadSchemas.sessions_purge.parse(payload ?? {});
  const removed = await purgeExpiredAuthState();
  helpers.logger.info(`purged ${removed.sessions} sessions, ${removed.rateLimits} throttle counters`);
};

export default sessionsPurge;
