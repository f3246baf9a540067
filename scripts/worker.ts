// `npm run worker`: a worker alone, for scaling out. Point DATABASE_URL at the
// shared database; any number of workers share the queue.
import os from "node:os";
import { closeAppConnections, onShutdown, prepareRuntime } from "./lib/runtime";

const { database, env } = await prepareRuntime({ seed: false, dataDir: process.env.LEADLANE_DATA_DIR });
// WORKER_NICE lets background work yield the CPU to a web server on the same machine (decision 111).
try {
  if (env.WORKER_NICE > 0) os.setPriority(env.WORKER_NICE);
} catch (error) {
  console.log(`[worker] could not lower its priority to nice ${env.WORKER_NICE}: ${(error as Error).message}`);
}
const { startWorker } = await import("../jobs/worker");
const worker = await startWorker({
  concurrency: env.WORKER_CONCURRENCY,
  shutdownGraceMs: env.WORKER_SHUTDOWN_GRACE_MS,
});
console.log(`[worker] ${worker.workerId} started with concurrency ${env.WORKER_CONCURRENCY} at nice ${os.getPriority()}`);

onShutdown(async () => {
  await worker.stop();
  // Jobs use the app's shared clients too.
  await closeAppConnections();
  await database.stop();
});
