// Wakes the workers when a job put off until later comes due. graphile-worker hears of a new job
// through a notification on `jobs:insert`, but a job due in the future gets none when it comes due:
// it waits for the next poll, up to half a second late. A send waiting for its sender's next rate
// window lost that much of every window. So a process that puts a job off also sets a timer for the
// moment it is due and sends the same notification then; every worker process listening fetches.
// Timers due within the same few milliseconds share one notification, and none keeps the process alive.
import { sharedPool } from "~/utils/pg-pool.server";

/** Jobs due this close together are announced by one notification. */
export const WAKE_BUCKET_MS = 10;

type Pending = { timer: NodeJS.Timeout; count: number };
const globalForWake = globalThis as unknown as { __leadlaneJobWakes?: Map<number, Pending> };

function pendingWakes(): Map<number, Pending> {
  globalForWake.__leadlaneJobWakes ??= new Map();
  return globalForWake.__leadlaneJobWakes;
}

/** The notification graphile-worker's listeners take as "`count` jobs may be ready". */
export async function notifyJobsReady(count: number): Promise<void> {
  await sharedPool().query("SELECT pg_notify('jobs:insert', $1)", [JSON.stringify({ count })]);
}

/**
 * Makes the workers look for jobs `delayMs` from now (a job was put off by that much). Timed on the
 * process's monotonic timer, like setTimeout itself, not on the wall clock.
 */
export function wakeWorkersIn(delayMs: number): void {
  const monotonicNow = performance.now();
  const bucket = Math.ceil((monotonicNow + Math.max(0, delayMs)) / WAKE_BUCKET_MS) * WAKE_BUCKET_MS;
  const wakes = pendingWakes();
  const pending = wakes.get(bucket);
  if (pending) {
    pending.count += 1;
    return;
  }
  const timer = setTimeout(() => {
    const due = wakes.get(bucket);
    wakes.delete(bucket);
    // A missed wake costs only a poll interval; it must never fail the job that asked for it.
    notifyJobsReady(due?.count ?? 1).catch(() => {});
  }, Math.max(0, bucket - monotonicNow));
  timer.unref();
  wakes.set(bucket, { timer, count: 1 });
}

/** How many wakes are waiting (for tests). */
export function pendingWakeCount(): number {
  return pendingWakes().size;
}
