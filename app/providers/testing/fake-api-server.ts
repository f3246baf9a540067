// A local HTTP server on 127.0.0.1 that stands in for a vendor's API in tests: it records every request
// and answers with whatever the test's handler returns.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export type RecordedRequest = {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The body as form fields, for application/x-www-form-urlencoded requests. */
  form: URLSearchParams;
  /** The body parsed as JSON, for application/json requests. */
  json: unknown;
};

export type FakeResponse = { status?: number; body: unknown };
export type FakeHandler = (request: RecordedRequest) => FakeResponse | Promise<FakeResponse>;

export type FakeApiServer = {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
};

export type FakeApiServerOptions = {
  /** Keep every request in `requests` (the default); a benchmark sending many turns it off. */
  record?: boolean;
};

export async function startFakeApiServer(handler: FakeHandler, options: FakeApiServerOptions = {}): Promise<FakeApiServer> {
  const requests: RecordedRequest[] = [];
  const record = options.record ?? true;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString("utf8");
    const type = req.headers["content-type"] ?? "";
    const recorded: RecordedRequest = {
      method: req.method ?? "GET",
      path: req.url ?? "/",
      headers: req.headers,
      rawBody,
      form: new URLSearchParams(type.includes("x-www-form-urlencoded") ? rawBody : ""),
      json: type.includes("json") && rawBody ? parseJson(rawBody) : undefined,
    };
    if (record) requests.push(recorded);
    try {
      const answer = await handler(recorded);
      res.writeHead(answer.status ?? 200, { "content-type": "application/json" });
      res.end(JSON.stringify(answer.body));
    } catch (error) {
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ message: String(error) }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** The body as JSON, or undefined when it is not JSON (the handler answers that). */
function parseJson(rawBody: string): unknown {
  try {
    return JSON.parse(rawBody);
  } catch {
    return undefined;
  }
}

/** Decodes a Basic Authorization header into its user and password. */
export function basicAuth(header: string | undefined): { user: string; password: string } | null {
  const match = /^Basic (.+)$/.exec(header ?? "");
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
