// `npm start`: the production build and a worker in one process.
// Set RUN_WORKER=false to serve web only (and run `npm run worker` elsewhere).
import { appUrl } from "../app/utils/env.server";
import { closeServer, createApp, importServerBuild, listen } from "./lib/http-server";
import { onShutdown, prepareRuntime, printDemoCredentials } from "./lib/runtime";

process.env.NODE_ENV ??= "production";
// Demo data only for the self-contained embedded database, never into a real one.
const { database, env } = await prepareRuntime({
  seed: !process.env.DATABASE_URL,
  dataDir: process.env.LEADLANE_DATA_DIR,
});
const build = await importServerBuild();
const app = createApp({
  mode: "production",
  trustProxy: env.TRUST_PROXY,
  httpsOnly: appUrl(env).startsWith("https://"),
  getBuild: () => build,
});
const server = await listen(app, env.PORT);
const { startWorker } = await import("../jobs/worker");
const worker = process.env.RUN_WORKER === "false" ? null : await startWorker({
  connectionString: database.url,
  concurrency: env.WORKER_CONCURRENCY,
});
printDemoCredentials(`http://localhost:${env.PORT}`);

onShutdown(async () => {
  await closeServer(server);
  await worker?.stop();
  await database.stop();
});
