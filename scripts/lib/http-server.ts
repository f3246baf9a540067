// The HTTP server: security headers, the cross-site write guard, static files
// and the Remix request handler. Used by `npm start` and by `npm run dev`.
import { randomBytes } from "node:crypto";
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import type { ServerBuild } from "@remix-run/node";
import { isCrossSiteWrite } from "../../app/utils/cross-site.server";
import { bodyLimitFor, tooLargeMessage } from "../../app/utils/body-limit.server";
import { createRequestHandler } from "./remix-handler";
import {
  answerPlainRazorpayWebhook,
  plainRazorpayWebhookAccount,
  RAZORPAY_WEBHOOK_PATH,
  razorpayWebhookFastPath,
  TWILIO_WEBHOOK_PATH,
  twilioWebhookFastPath,
} from "./webhook-fast-path";

export const BUILD_PATH = path.resolve("build/index.js");

export async function importServerBuild(cacheBust?: string): Promise<ServerBuild> {
  const url = pathToFileURL(BUILD_PATH).href + (cacheBust ? `?t=${cacheBust}` : "");
  return (await import(url)) as ServerBuild;
}

export type AppServerOptions = {
  mode: "development" | "production";
  /** True when the public URL is https: adds HSTS and upgrades insecure requests. */
  httpsOnly: boolean;
  trustProxy: boolean;
  /** Returns the current build; in development it changes on every rebuild. */
  getBuild: () => ServerBuild;
};

function securityHeaders({ mode, httpsOnly }: Pick<AppServerOptions, "mode" | "httpsOnly">) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
        styleSrc: ["'self'", "'unsafe-inline'"],
        // Customers' photos and voice notes come from the provider's https media URLs.
        imgSrc: ["'self'", "data:", "https:"],
        mediaSrc: ["'self'", "https:"],
        fontSrc: ["'self'"],
        connectSrc: mode === "development" ? ["'self'", "ws://localhost:*", "ws://127.0.0.1:*"] : ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(httpsOnly ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    strictTransportSecurity: httpsOnly,
    xFrameOptions: { action: "deny" },
    crossOriginEmbedderPolicy: false,
  });
}

function refuseCrossSiteWrites(req: Request, res: Response, next: NextFunction) {
  const refused = isCrossSiteWrite({
    method: req.method,
    path: req.path,
    secFetchSite: req.get("sec-fetch-site"),
    origin: req.get("origin"),
    host: req.get("host"),
  });
  if (refused) {
    res.status(403).type("text/plain").send("Cross-site request refused.");
    return;
  }
  next();
}

/**
 * Reads a request body into memory up to its route's limit before Remix sees
 * it; a larger one (declared or streamed) gets 413 and reaches no route. The
 * rest of a refused body is read and dropped, so the browser gets the answer.
 */
function limitBodies() {
  const readers = new Map<number, ReturnType<typeof express.raw>>();
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    const limit = bodyLimitFor(req.path);
    if (limit === null) return next();
    let reader = readers.get(limit);
    if (!reader) {
      reader = express.raw({ type: () => true, limit, inflate: false });
      readers.set(limit, reader);
    }
    reader(req, res, (error?: unknown) => {
      const status = (error as { status?: number } | undefined)?.status;
      if (status === 413) {
        const message = tooLargeMessage(limit);
        if (req.path.startsWith("/api/trpc")) {
          res.status(413).json({ error: { message, code: -32013, data: { code: "PAYLOAD_TOO_LARGE", httpStatus: 413 } } });
        } else {
          res.status(413).type("text/plain").send(message);
        }
        return;
      }
      if (status === 415) {
        res.status(415).type("text/plain").send("Compressed request bodies are not accepted.");
        return;
      }
      next(error);
    });
  };
}

export function createApp(options: AppServerOptions) {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", options.trustProxy);
  // First, before what pages need: Twilio's posts are most of the traffic under load.
  app.post(TWILIO_WEBHOOK_PATH, twilioWebhookFastPath);
  // Razorpay's posts in a form the listener below leaves to Express (an escape, a trailing slash).
  app.post(RAZORPAY_WEBHOOK_PATH, razorpayWebhookFastPath);
  app.use((req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    // The client address as this server saw it; never the one a client claims.
    req.headers["x-leadlane-client-ip"] = req.ip ?? req.socket.remoteAddress ?? "unknown";
    next();
  });
  app.use(securityHeaders(options));
  app.use(
    compression({
      // Event streams must reach the browser as they are written.
      filter: (req, res) => !req.path.startsWith("/api/events") && compression.filter(req, res),
    }),
  );
  app.use(refuseCrossSiteWrites);
  app.use(limitBodies());
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));
  let handlerBuild: ServerBuild | null = null;
  let handler: ReturnType<typeof createRequestHandler> | null = null;
  app.all("*", (req, res, next) => {
    const build = options.getBuild();
    if (build !== handlerBuild || !handler) {
      handlerBuild = build;
      handler = createRequestHandler({
        build,
        mode: options.mode,
        getLoadContext: (_req, response) => ({ cspNonce: response.locals.cspNonce as string }),
      });
    }
    return handler(req, res, next);
  });
  // Razorpay's posts are answered before Express starts on them (most of them: see plainRazorpayWebhookAccount).
  const listener: http.RequestListener = (req, res) => {
    const razorpayAccount = plainRazorpayWebhookAccount(req);
    if (razorpayAccount !== null) return answerPlainRazorpayWebhook(req, res, razorpayAccount);
    app(req, res);
  };
  return listener;
}

/** Why the server could not listen, in one line that names the port or host to change. */
export class ListenError extends Error {}

function listenError(error: NodeJS.ErrnoException, port: number, host: string): Error {
  switch (error.code) {
    case "EADDRINUSE":
      return new ListenError(`Port ${port} is already in use; stop the other process or set PORT.`);
    case "EACCES":
      return new ListenError(`Port ${port} needs more privileges than this process has; set PORT to 1024 or above.`);
    case "EADDRNOTAVAIL":
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return new ListenError(`HOST ${host} is not an address of this machine; set HOST (127.0.0.1, or 0.0.0.0 for every interface).`);
    default:
      return error;
  }
}

export async function listen(app: http.RequestListener, port: number, host: string): Promise<http.Server> {
  const server = http.createServer(app);
  // Event streams stay open; don't let them hold a shutdown forever.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => reject(listenError(error, port, host)));
    server.listen(port, host, () => resolve());
  });
  return server;
}

/** Rejects with the same one-line ListenError that listen() would give, without keeping the port. */
export async function checkPortFree(port: number, host: string): Promise<void> {
  const probe = http.createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once("error", (error: NodeJS.ErrnoException) => reject(listenError(error, port, host)));
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

export async function closeServer(server: http.Server): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 5_000).unref();
  });
}
