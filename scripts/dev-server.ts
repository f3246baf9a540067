// The web server under `remix dev`: reloads the server build after each rebuild.
import { watch } from "node:fs";
import path from "node:path";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import { appUrl } from "../app/utils/env.server";
import { closeServer, createApp, importServerBuild, listen } from "./lib/http-server";
import { closeAppConnections, exitOnStartupError, localUrl, onShutdown, printBanner, validateEnvOrExit } from "./lib/runtime";

const env = validateEnvOrExit();
// Started by `npm run dev` (scripts/dev.ts) in a process group of its own.
const devParent = Number(process.env.LEADLANE_DEV_PARENT_PID) || null;

/** Ends `remix dev` and everything it started (our process group) along with us. */
function stopDevGroup() {
  if (devParent) process.kill(0, "SIGTERM");
}

let build: ServerBuild = await importServerBuild();
const app = createApp({
  mode: "development",
  trustProxy: env.TRUST_PROXY,
  httpsOnly: appUrl(env).startsWith("https://"),
  getBuild: () => build,
});
const server = await listen(app, env.PORT, env.HOST).catch((error: unknown) => {
  // remix dev would wait forever for a server that is not coming.
  process.on("exit", stopDevGroup);
  return exitOnStartupError(error);
});
await broadcastDevReady(build);
printBanner(localUrl(env.HOST, env.PORT), { demo: true });

const watcher = watch(path.resolve("build"), { persistent: true }, (_event, file) => {
  if (file !== "version.txt") return;
  importServerBuild(String(Date.now()))
    .then(async (next) => {
      build = next;
      await broadcastDevReady(build);
    })
    .catch((error: unknown) => console.error("[dev] could not reload the build:", error));
});

onShutdown(
  async () => {
    watcher.close();
    await closeServer(server);
    await closeAppConnections();
    process.on("exit", stopDevGroup);
  },
  // When `npm run dev` is gone (even killed outright), so are we and remix dev.
  devParent ? { watch: [devParent] } : {},
);
