// `npm run worker`: a worker alone, for scaling out. Point DATABASE_URL at the
// shared database; any number of workers share the queue.
import { closeAppConnections, onShutdown, prepareRuntime } from "./lib/runtime";

const { database, env } = await prepareRuntime({ seed: false, dataDir: process.env.LEADLANE_DATA_DIR });
const { startWorker } = await import("../jobs/worker");
const worker = await startWorker({
  concurrency: env.WORKER_CONCURRENCY,
  shutdownGraceMs: env.WORKER_SHUTDOWN_GRACE_MS,
});
console.log(`[worker] ${worker.workerId} started with concurrency ${env.WORKER_CONCURRENCY}`);

onShutdown(async () => {
  await worker.stop();
  // Jobs use the app's shared clients too.
  await closeAppConnections();
  await database.stop();
});
