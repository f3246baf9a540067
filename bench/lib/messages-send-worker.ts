// A worker process for the messages-send benchmark: the app's own startWorker, with the rate limit
// as the parent chose (MESSAGE_SEND_RATE_LIMIT) and DATABASE_URL pointing at the bench database.
// Prints "ready" once it runs; stops on SIGTERM.
import { startWorker } from "../../jobs/worker";
import { closeAppConnections } from "../../scripts/lib/runtime";

const worker = await startWorker({ concurrency: Number(process.env.WORKER_CONCURRENCY ?? 8), shutdownGraceMs: 1_000 });
console.log("ready");
process.on("SIGTERM", () => {
  void (async () => {
    await worker.stop();
    await closeAppConnections();
    process.exit(0);
  })();
});
