// The HTTP server over real sockets: security middleware, the Remix handler and
// the routes that depend on how responses are written (the streamed CSV export,
// the website-form endpoint called from other origins).
import http from "node:http";
import { gunzipSync } from "node:zlib";
import type { AddressInfo } from "node:net";
import { setImmediate as nextTurn } from "node:timers/promises";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, onTestFinished, test } from "vitest";
import type { ServerBuild } from "@remix-run/node";
import { prisma } from "~/utils/db.server";
import { signInCookie } from "~/testing/caller";
import { testServerBuild } from "~/testing/server-build";
import { EXPORT_APPLICATION_NAME, exportsInProgress } from "~/services/contact-export.server";
/* eslint-disable no-restricted-imports -- the server is built from the routes it serves, as Remix builds it */
import * as exportRoute from "~/routes/contacts.export";
import * as formRoute from "~/routes/webhooks.forms.$formKey";
/* eslint-enable no-restricted-imports */
import { closeFormRateLimiter } from "~/services/form-submission.server";
import { createOrganization } from "../../prisma/factories";
import { createCustomFieldDefinition, createWebForm } from "../../prisma/factories-imports";
import { closeServer, createApp, listen } from "./http-server";

/** A server build holding only the resource routes under test (no documents, no browser assets). */
function testBuild(routes: Record<string, { path: string; module: unknown }>): ServerBuild {
  return testServerBuild(routes, { default: () => new Response("Not a document server.", { status: 500 }) });
}

let server: http.Server;
let port: number;
/** The server's side of the latest request (to see how much it holds in memory). */
let lastServerResponse: http.ServerResponse | null = null;

beforeAll(async () => {
  const build = testBuild({
    "routes/contacts.export": { path: "contacts/export", module: exportRoute },
    "routes/webhooks.forms.$formKey": { path: "webhooks/forms/:formKey", module: formRoute },
  });
  const app = createApp({ mode: "production", httpsOnly: false, trustProxy: false, getBuild: () => build });
  server = await listen(app, 0, "127.0.0.1");
  server.on("request", (_req, res: http.ServerResponse) => {
    lastServerResponse = res;
  });
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await closeServer(server);
  await closeFormRateLimiter();
});

const openRequests = new Set<http.ClientRequest>();

afterEach(() => {
  for (const request of openRequests) request.destroy();
  openRequests.clear();
});

function get(path: string, headers: Record<string, string>) {
  return new Promise<{ response: http.IncomingMessage; request: http.ClientRequest }>((resolve, reject) => {
    const request = http.get({ host: "127.0.0.1", port, path, headers }, (response) => resolve({ response, request }));
    openRequests.add(request);
    request.on("error", reject);
  });
}

/** Contacts with a 1 KB note each (random-looking, so it compresses little), so the export is many megabytes without inserting millions of rows. */
async function insertContacts(organizationId: string, count: number) {
  await createCustomFieldDefinition(prisma, { organizationId, key: "notes", label: "Notes" });
  await prisma.$executeRaw`
    INSERT INTO "Contact" ("organizationId", "name", "phone", "customFields", "updatedAt")
    SELECT ${organizationId}::uuid, 'Bulk ' || g, '+9170' || lpad(g::text, 8, '0'),
           jsonb_build_object('notes', translate(encode(decode((SELECT string_agg(md5(g::text || '.' || i), '') FROM generate_series(1, 48) i), 'hex'), 'base64'), E'\n', '')), now()
      FROM generate_series(1, ${count}::int) g`;
}

async function exportConnections(): Promise<number> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1`, [
      EXPORT_APPLICATION_NAME,
    ]);
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}

/**
 * "reading" until the export has stopped: paused for its reader (no new rows since the last look), or finished.
 * The response's headers can reach the client before the export has begun (on a loaded machine), so it is
 * "starting" until it has been seen running once.
 */
function exportState() {
  let previous = -1;
  let seen = false;
  return () => {
    const [running] = exportsInProgress();
    if (!running) return seen ? "finished" : "starting";
    seen = true;
    const steady = running.waitingForReader && running.rowsRead === previous;
    previous = running.rowsRead;
    return steady ? "waiting for the reader" : "reading";
  };
}

describe("streamed CSV export over HTTP", () => {
  const CONTACTS = 30_000;
  let cookie: string;

  beforeAll(async () => {
    const { organization, owner } = await createOrganization(prisma);
    await insertContacts(organization.id, CONTACTS);
    cookie = await signInCookie(owner, { organizationId: organization.id });
  });

  test.each(["identity", "gzip"])("a client that stops reading holds the export back; the server buffers little; reading on gets every row (%s)", async (encoding) => {
    // Every wait for the slow client must not leave a listener behind (under gzip they used to pile up on the compressor).
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on("warning", onWarning);
    onTestFinished(() => void process.off("warning", onWarning));
    const { response } = await get("/contacts/export", { Cookie: cookie, "Accept-Encoding": encoding });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
    response.pause();

    // The client reads nothing: the export stops reading from PostgreSQL instead of queueing everything in memory.
    const state = exportState();
    await expect.poll(state, { interval: 100, timeout: 20_000 }).not.toMatch(/^(starting|reading)$/);
    expect(state()).toBe("waiting for the reader");
    // What it has read is what the client's and server's sockets hold (a few MB in the kernel) plus our small buffers.
    const [held] = exportsInProgress();
    // Compressed rows take about three quarters of the room, so more of them fit in the same kernel buffers
    // (and the kernel grows loopback buffers as it likes): without backpressure every row would be read.
    expect(held!.rowsRead).toBeLessThan(encoding === "gzip" ? CONTACTS * 0.8 : CONTACTS / 2);
    // Bytes queued in the server's response, not yet taken by the operating system.
    expect(lastServerResponse!.writableLength).toBeLessThan(1024 * 1024);

    // Reading on, the server never holds much more than that.
    let mostHeld = 0;
    const chunks: Buffer[] = [];
    for await (const chunk of response as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      mostHeld = Math.max(mostHeld, lastServerResponse!.writableLength);
      await nextTurn();
    }
    expect(mostHeld).toBeLessThan(1024 * 1024);
    const body = Buffer.concat(chunks);
    const lines = (encoding === "gzip" ? gunzipSync(body) : body).toString("utf8").split("\r\n");
    expect(lines).toHaveLength(CONTACTS + 2); // header, rows, and the empty string after the last CRLF
    expect(lines[CONTACTS]).toMatch(/^Bulk \d+,\+9170\d{8},.*,[A-Za-z0-9+/]{1000,},/);
    expect(exportsInProgress()).toEqual([]);
    await nextTurn();
    expect(warnings.map((warning) => `${warning.name}: ${warning.message}`)).toEqual([]);
  });

  test("a client that leaves mid-download stops the export and frees its database connection", async () => {
    const { response, request } = await get("/contacts/export", { Cookie: cookie });
    expect(response.statusCode).toBe(200);
    response.pause();
    await expect.poll(exportState(), { interval: 100, timeout: 20_000 }).toBe("waiting for the reader");
    request.destroy();
    await expect.poll(() => exportsInProgress().length, { timeout: 10_000 }).toBe(0);
    await expect.poll(exportConnections, { timeout: 10_000 }).toBe(0);
  });
});

describe("website forms called from another website", () => {
  const SHOP = "https://shop.example.in";

  function call(method: string, path: string, headers: Record<string, string>, body?: string) {
    return fetch(`http://127.0.0.1:${port}${path}`, { method, headers, body });
  }

  /** What a browser sends with a fetch() from a page on `origin`. */
  function fromPageOn(origin: string, extra: Record<string, string> = {}) {
    return { Origin: origin, "Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "cors", ...extra };
  }

  test("the preflight passes the security middleware and allows a JSON POST; the POST and its errors carry CORS headers", async () => {
    const { organization } = await createOrganization(prisma);
    const form = await createWebForm(prisma, { organizationId: organization.id });
    const preflight = await call(
      "OPTIONS",
      `/webhooks/forms/${form.key}`,
      fromPageOn(SHOP, { "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type" }),
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-methods")).toBe("POST");
    expect(preflight.headers.get("access-control-allow-headers")).toBe("Content-Type");
    expect(preflight.headers.get("access-control-max-age")).toBe("7200");
    expect(preflight.headers.get("access-control-allow-credentials")).toBeNull();

    const json = fromPageOn(SHOP, { "Content-Type": "application/json", "Accept-Encoding": "gzip" });
    const accepted = await call("POST", `/webhooks/forms/${form.key}`, json, JSON.stringify({ name: "Cross-site lead", phone: "9876543210" }));
    expect(accepted.status).toBe(200);
    expect(accepted.headers.get("access-control-allow-origin")).toBe("*");
    expect(accepted.headers.get("set-cookie")).toBeNull();
    expect(await accepted.json()).toEqual({ ok: true });

    const invalid = await call("POST", `/webhooks/forms/${form.key}`, json, JSON.stringify({ phone: "12" }));
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get("access-control-allow-origin")).toBe("*");
    const missing = await call("POST", "/webhooks/forms/no-such-form-key", json, JSON.stringify({ phone: "9876543210" }));
    expect(missing.status).toBe(404);
    expect(missing.headers.get("access-control-allow-origin")).toBe("*");
    expect(await missing.json()).toEqual({ ok: false, error: "This form doesn't exist or is switched off." });
    expect(await prisma.contact.count({ where: { organizationId: organization.id } })).toBe(1);
  });

  test("a form that lists websites: a listed one is answered with its origin; another is refused at the preflight and at the POST", async () => {
    const { organization } = await createOrganization(prisma);
    const form = await createWebForm(prisma, { organizationId: organization.id, allowedOrigins: [SHOP] });
    const ask = (origin: string) =>
      call("OPTIONS", `/webhooks/forms/${form.key}`, fromPageOn(origin, { "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type" }));
    const listed = await ask(SHOP);
    expect(listed.status).toBe(204);
    expect(listed.headers.get("access-control-allow-origin")).toBe(SHOP);
    expect(listed.headers.get("vary")).toMatch(/Origin/);

    const other = await ask("https://copycat.example");
    expect(other.status).toBe(403);
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    expect(await other.text()).toMatch(/^This form doesn't accept posts from https:\/\/copycat\.example\./);

    const refused = await call(
      "POST",
      `/webhooks/forms/${form.key}`,
      fromPageOn("https://copycat.example", { "Content-Type": "application/x-www-form-urlencoded" }),
      new URLSearchParams({ phone: "9876543210" }).toString(),
    );
    expect(refused.status).toBe(403);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
    expect(await prisma.contact.count({ where: { organizationId: organization.id } })).toBe(0);
  });

  test("the cross-site guard still refuses cross-site posts everywhere else", async () => {
    const refused = await call("POST", "/contacts/export", fromPageOn(SHOP, { "Content-Type": "application/x-www-form-urlencoded" }), "x=1");
    expect(refused.status).toBe(403);
    expect(await refused.text()).toBe("Cross-site request refused.");
  });
});
