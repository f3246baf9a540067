// The web server under `remix dev`: reloads the server build after each rebuild.
import { watch } from "node:fs";
import path from "node:path";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import { appUrl } from "../app/utils/env.server";
import { createApp, importServerBuild, listen } from "./lib/http-server";
import { validateEnvOrExit } from "./lib/runtime";

const env = validateEnvOrExit();
let build: ServerBuild = await importServerBuild();
const app = createApp({
  mode: "development",
  trustProxy: env.TRUST_PROXY,
  httpsOnly: appUrl(env).startsWith("https://"),
  getBuild: () => build,
});
await listen(app, env.PORT);
await broadcastDevReady(build);

watch(path.resolve("build"), { persistent: true }, (_event, file) => {
  if (file !== "version.txt") return;
  importServerBuild(String(Date.now()))
    .then(async (next) => {
      build = next;
      await broadcastDevReady(build);
    })
    .catch((error: unknown) => console.error("[dev] could not reload the build:", error));
});
