// `npm start`: the production build and a worker in one process.
// Set RUN_WORKER=false to serve web only (and run `npm run worker` elsewhere).
import { appUrl } from "../app/utils/env.server";
import { closeServer, createApp, importServerBuild, listen } from "./lib/http-server";
import { closeAppConnections, exitOnStartupError, localUrl, onShutdown, prepareRuntime, printBanner } from "./lib/runtime";

process.env.NODE_ENV ??= "production";
// Demo data (with its published password) only for a self-contained embedded
// database outside production; never into a real one. A production start begins
// empty, and the first sign-up creates the first organization.
const demo = !process.env.DATABASE_URL && process.env.NODE_ENV !== "production";
const { database, env, empty } = await prepareRuntime({ seed: demo, dataDir: process.env.LEADLANE_DATA_DIR, servesHttp: true });
const build = await importServerBuild();
const app = createApp({
  mode: "production",
  trustProxy: env.TRUST_PROXY,
  httpsOnly: appUrl(env).startsWith("https://"),
  getBuild: () => build,
});
const server = await listen(app, env.PORT, env.HOST).catch(exitOnStartupError);
const { startWorker } = await import("../jobs/worker");
const worker = process.env.RUN_WORKER === "false" ? null : await startWorker({
  concurrency: env.WORKER_CONCURRENCY,
  shutdownGraceMs: env.WORKER_SHUTDOWN_GRACE_MS,
});
printBanner(localUrl(env.HOST, env.PORT), { demo, empty });

// In order: no new requests and no new jobs (together: each may wait up to 5 s for what is
// running, within the 15 s a stop allows), then the connections, then the database.
onShutdown(async () => {
  await Promise.all([closeServer(server), worker?.stop()]);
  await closeAppConnections();
  await database.stop();
});
