// `npm start`: the production build and a worker in one process.
// Set RUN_WORKER=false to serve web only (and run `npm run worker` elsewhere).
import { appUrl } from "../app/utils/env.server";
import { closeServer, createApp, importServerBuild, listen } from "./lib/http-server";
import { closeAppConnections, exitOnStartupError, localUrl, onShutdown, prepareRuntime, printBanner } from "./lib/runtime";

process.env.NODE_ENV ??= "production";
// Demo data only for the self-contained embedded database, never into a real one.
const embedded = !process.env.DATABASE_URL;
const { database, env } = await prepareRuntime({ seed: embedded, dataDir: process.env.LEADLANE_DATA_DIR, servesHttp: true });
const build = await importServerBuild();
const app = createApp({
  mode: "production",
  trustProxy: env.TRUST_PROXY,
  httpsOnly: appUrl(env).startsWith("https://"),
  getBuild: () => build,
});
const server = await listen(app, env.PORT, env.HOST).catch(exitOnStartupError);
const { startWorker } = await import("../jobs/worker");
const worker = process.env.RUN_WORKER === "false" ? null : await startWorker({ concurrency: env.WORKER_CONCURRENCY });
printBanner(localUrl(env.HOST, env.PORT), { demo: embedded });

// In order: no new requests, no new jobs, then the connections, then the database.
onShutdown(async () => {
  await closeServer(server);
  await worker?.stop();
  await closeAppConnections();
  await database.stop();
});
