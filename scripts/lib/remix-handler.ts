// Express → Remix, like @remix-run/express's createRequestHandler, except that
// a streamed response body waits for the client. The adapter's writer
// (writeReadableStreamToWritable) ignores what `res.write()` returns, so a slow
// client made the server read the whole body (a million-row CSV export) into
// the response's memory buffer. Here each chunk waits for 'drain' when the
// buffer is full, so the producer is only pulled as fast as the client reads.
import type { Writable } from "node:stream";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { createReadableStreamFromReadable, createRequestHandler as createRemixHandler, type AppLoadContext, type ServerBuild } from "@remix-run/node";

export type GetLoadContext = (req: ExpressRequest, res: ExpressResponse) => AppLoadContext | Promise<AppLoadContext>;

export function createRequestHandler({
  build,
  mode,
  getLoadContext,
}: {
  build: ServerBuild;
  mode: "development" | "production";
  getLoadContext?: GetLoadContext;
}) {
  const handleRequest = createRemixHandler(build, mode);
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    try {
      const request = createRemixRequest(req, res);
      const loadContext = await getLoadContext?.(req, res);
      const response = await handleRequest(request, loadContext);
      await sendResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
}

function portOf(host: string | undefined): number | null {
  const port = Number.parseInt(host?.split(":")[1] ?? "", 10);
  return Number.isSafeInteger(port) ? port : null;
}

/** The URL a request reached, as @remix-run/express builds it (req.hostname respects "trust proxy" but drops the port). */
export function requestUrl(req: ExpressRequest): URL {
  const port = portOf(req.get("X-Forwarded-Host")) ?? portOf(req.get("host"));
  return new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
}

/** The Fetch Request Remix sees (same URL, headers, body and abort rules as @remix-run/express). */
export function createRemixRequest(req: ExpressRequest, res: ExpressResponse): Request {
  const url = requestUrl(req);
  const headers = new Headers();
  for (const [key, values] of Object.entries(req.headers)) {
    if (!values) continue;
    if (Array.isArray(values)) for (const value of values) headers.append(key, value);
    else headers.set(key, values);
  }
  // Loaders and actions are aborted when the response can no longer be written (close without finish).
  let controller: AbortController | null = new AbortController();
  res.on("finish", () => (controller = null));
  res.on("close", () => controller?.abort());
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    // Read already (within its size limit) by the server, or still to be streamed.
    const read: unknown = req.body;
    if (Buffer.isBuffer(read)) init.body = new Uint8Array(read);
    else {
      init.body = createReadableStreamFromReadable(req);
      init.duplex = "half";
    }
  }
  return new Request(url.href, init);
}

export async function sendResponse(res: ExpressResponse, response: Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) res.flushHeaders();
  if (response.body) await writeBody(response.body, res);
  else res.end();
}

/**
 * Waits for 'drain' through ONE listener added for the whole response. Under
 * compression, `res.on('drain')` hands the listener to the gzip stream, but
 * removing it (`off`, or what `once` does after firing) only looks at `res`: a
 * listener per wait stayed on the gzip stream for good, and a long download
 * collected thousands of them (MaxListenersExceededWarning after the 11th).
 */
function drainWaiter(writable: Writable) {
  let wake: ((drained: boolean) => void) | null = null;
  const settle = (drained: boolean) => {
    const resolve = wake;
    wake = null;
    resolve?.(drained);
  };
  writable.on("drain", () => settle(true));
  writable.once("close", () => settle(false));
  /** Resolves true on 'drain', false when the response closes first (the client went away). */
  return (): Promise<boolean> => {
    if (writable.destroyed || writable.closed) return Promise.resolve(false);
    return new Promise((resolve) => (wake = resolve));
  };
}

/**
 * Writes a web stream to a Node writable, reading the next chunk only once the
 * writable has room. A client that disconnects cancels the stream (which lets
 * its producer stop); a stream that fails destroys the writable, so the client
 * sees a cut-off response rather than a complete-looking one.
 */
export async function writeBody(body: ReadableStream<Uint8Array>, writable: Writable & { flush?: () => void }): Promise<void> {
  const reader = body.getReader();
  const drained = drainWaiter(writable);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        writable.end();
        return;
      }
      const hasRoom = writable.write(value);
      // Under compression: send what we have (event streams must not wait for a full block).
      writable.flush?.();
      if (!hasRoom && !(await drained())) {
        await reader.cancel(new Error("The client closed the connection.")).catch(() => {});
        return;
      }
    }
  } catch (error) {
    writable.destroy(error instanceof Error ? error : new Error(String(error)));
  } finally {
    reader.releaseLock();
  }
}
