// The web process of the webhook benchmarks (messages-ingest, payments-webhooks): the app's HTTP server
// alone (the express stack, the webhook fast path and the real Twilio inbound and Razorpay routes), as
// `npm start` with RUN_WORKER=false serves it, in its own process so the posting client does not share
// its event loop. DATABASE_URL points at the bench database. Prints "listening <port>" once it serves;
// stops on SIGTERM.
import type { AddressInfo } from "node:net";
import * as razorpayRoute from "../../app/routes/webhooks.razorpay.$accountId";
import * as inboundRoute from "../../app/routes/webhooks.twilio.$channelId.inbound";
import { testServerBuild } from "../../app/testing/server-build";
import { closeServer, createApp, listen } from "../../scripts/lib/http-server";
import { closeAppConnections } from "../../scripts/lib/runtime";

const build = testServerBuild(
  {
    "routes/webhooks.twilio.$channelId.inbound": { path: "webhooks/twilio/:channelId/inbound", module: inboundRoute },
    "routes/webhooks.razorpay.$accountId": { path: "webhooks/razorpay/:accountId", module: razorpayRoute },
  },
  { default: () => new Response("Not a document server.", { status: 500 }) },
);
const app = createApp({ mode: "production", httpsOnly: false, trustProxy: false, getBuild: () => build });
const server = await listen(app, 0, "127.0.0.1");
console.log(`listening ${(server.address() as AddressInfo).port}`);
process.on("SIGTERM", () => {
  void (async () => {
    await closeServer(server);
    await closeAppConnections();
    process.exit(0);
  })();
});
