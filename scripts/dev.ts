// `npm run dev`: PostgreSQL (embedded unless DATABASE_URL is set), migrations,
// demo data on first start, a worker, and the Remix dev server with live reload.
import { spawn } from "node:child_process";
import { onShutdown, prepareRuntime, printDemoCredentials } from "./lib/runtime";

const { database, env } = await prepareRuntime({ seed: true, dataDir: process.env.LEADLANE_DATA_DIR });
const { startWorker } = await import("../jobs/worker");
const worker = await startWorker({ connectionString: database.url, concurrency: env.WORKER_CONCURRENCY });

const remix = spawn("npx", ["remix", "dev", "--manual", "-c", "tsx scripts/dev-server.ts"], {
  stdio: "inherit",
  env: { ...process.env, DATABASE_URL: database.url, NODE_ENV: "development" },
});
printDemoCredentials(`http://localhost:${env.PORT}`);

async function stopAll() {
  remix.kill("SIGTERM");
  await worker.stop();
  await database.stop();
}
remix.on("exit", (code) => {
  if (code !== null && code !== 0) {
    console.error(`[leadlane] the dev server exited with code ${code}`);
    void stopAll().then(() => process.exit(code));
  }
});
onShutdown(stopAll);
