// `npm run dev`: PostgreSQL (embedded unless DATABASE_URL is set), migrations,
// demo data on first start, a worker, and the Remix dev server with live reload.
import { createRequire } from "node:module";
import { closeAppConnections, onShutdown, prepareRuntime } from "./lib/runtime";
import { spawnGroup } from "./lib/processes";

const { database, env } = await prepareRuntime({ seed: true, dataDir: process.env.LEADLANE_DATA_DIR, servesHttp: true });
const { startWorker } = await import("../jobs/worker");
const worker = await startWorker({
  concurrency: env.WORKER_CONCURRENCY,
  shutdownGraceMs: env.WORKER_SHUTDOWN_GRACE_MS,
});

// `remix dev` starts the web server (scripts/dev-server.ts), which prints the
// banner once it listens. It runs in a process group of its own that stops with us.
const remixCli = createRequire(import.meta.url).resolve("@remix-run/dev/dist/cli.js");
const remix = spawnGroup(process.execPath, [remixCli, "dev", "--manual", "-c", "tsx scripts/dev-server.ts"], {
  env: {
    ...process.env,
    DATABASE_URL: database.url,
    NODE_ENV: "development",
    LEADLANE_DEV_PARENT_PID: String(process.pid),
  },
});

let stopping = false;
async function stopAll() {
  stopping = true;
  await Promise.all([remix.stop(), worker.stop()]);
  await closeAppConnections();
  await database.stop();
}
remix.child.on("exit", (code, signal) => {
  if (stopping) return;
  console.error(`[leadlane] the dev server stopped (${signal ?? `exit code ${code}`}); shutting down`);
  void stopAll().finally(() => process.exit(code || 1));
});
onShutdown(stopAll);
