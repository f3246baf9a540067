// A worker process for the messages-send benchmark: the app's own startWorker, with the rate limit
// as the parent chose (MESSAGE_SEND_RATE_LIMIT) and DATABASE_URL pointing at the bench database.
// Prints "ready" once it runs; on SIGTERM stops and prints how many send jobs it ran ("send runs N"),
// so the parent can tell how often a send was refused a slot and came back.
import { startWorker } from "../../jobs/worker";
import { closeAppConnections } from "../../scripts/lib/runtime";

const worker = await startWorker({ concurrency: Number(process.env.WORKER_CONCURRENCY ?? 8), shutdownGraceMs: 1_000 });
let sendRuns = 0;
worker.runner.events.on("job:start", ({ job }) => {
  if (job.task_identifier === "messages_send") sendRuns += 1;
});
console.log("ready");
process.on("SIGTERM", () => {
  void (async () => {
    await worker.stop();
    console.log(`send runs ${sendRuns}`);
    await closeAppConnections();
    process.exit(0);
  })();
});
