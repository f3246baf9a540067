// Request body limits over real sockets: a form post or a tRPC call larger than
// the limit gets 413 with a clear message and reaches no route (nothing saved),
// whether its size is declared up front or only shows while it streams.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { ServerBuild } from "@remix-run/node";
import { prisma } from "~/utils/db.server";
import { signInCookie } from "~/testing/caller";
import { testServerBuild } from "~/testing/server-build";
import { MAX_REQUEST_BODY_BYTES } from "~/utils/body-limit.server";
/* eslint-disable no-restricted-imports -- the server is built from the routes it serves, as Remix builds it */
import * as trpcRoute from "~/routes/api.trpc.$";
import * as newContactRoute from "~/routes/_app.contacts.new";
/* eslint-enable no-restricted-imports */
import { createOrganization } from "../../prisma/factories";
import { closeServer, createApp, listen } from "./http-server";

let server: http.Server;
let port: number;
let cookie: string;
let organizationId: string;

beforeAll(async () => {
  const build: ServerBuild = testServerBuild(
    {
      "routes/api.trpc.$": { path: "api/trpc/*", module: trpcRoute },
      "routes/_app.contacts.new": { path: "contacts/new", module: newContactRoute },
    },
    { default: () => new Response("Not a document server.", { status: 500 }) },
  );
  const app = createApp({ mode: "production", httpsOnly: false, trustProxy: false, getBuild: () => build });
  server = await listen(app, 0, "127.0.0.1");
  port = (server.address() as AddressInfo).port;
  const { organization, owner } = await createOrganization(prisma);
  organizationId = organization.id;
  cookie = await signInCookie(owner, { organizationId });
});

afterAll(async () => {
  await closeServer(server);
});

type Answer = { status: number; type: string; body: string };

/** POSTs `body`; `chunked` sends it without a Content-Length, in 64 KB pieces. */
function post(path: string, contentType: string, body: string, options: { chunked?: boolean } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const bytes = Buffer.from(body);
    const headers: Record<string, string> = { Cookie: cookie, "Content-Type": contentType, "Sec-Fetch-Site": "same-origin" };
    if (!options.chunked) headers["Content-Length"] = String(bytes.length);
    const request = http.request({ host: "127.0.0.1", port, path, method: "POST", headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode!, type: String(response.headers["content-type"] ?? ""), body: Buffer.concat(chunks).toString() }),
      );
    });
    request.on("error", reject);
    for (let offset = 0; offset < bytes.length; offset += 64 * 1024) request.write(bytes.subarray(offset, offset + 64 * 1024));
    request.end();
  });
}

const contacts = () => prisma.contact.count({ where: { organizationId } });
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const URLENCODED = "application/x-www-form-urlencoded";

describe("request body limits", () => {
  test.each([["declared", false], ["streamed without a length", true]])(
    "a form post over the limit (%s) is a 413 with a clear message and saves nothing",
    async (_label, chunked) => {
      const before = await contacts();
      const answer = await post(
        "/contacts/new",
        URLENCODED,
        form({ name: "Big Note", phone: "98765 43210", note: "x".repeat(MAX_REQUEST_BODY_BYTES) }),
        { chunked },
      );
      expect(answer.status).toBe(413);
      expect(answer.type).toMatch(/^text\/plain/);
      expect(answer.body).toBe(
        "This request is larger than 1 MB, the most Leadlane accepts here. Nothing was saved; shorten what you entered and send it again.",
      );
      expect(await contacts()).toBe(before);
    },
  );

  test("a form post under the limit is read and handled as before", async () => {
    const before = await contacts();
    const answer = await post("/contacts/new", URLENCODED, form({ name: "Small Note", phone: "98765 43211", padding: "y".repeat(500_000) }));
    expect(answer.status).toBe(302);
    expect(await contacts()).toBe(before + 1);
  });

  test.each([["declared", false], ["streamed without a length", true]])(
    "a tRPC call over the limit (%s) is a 413 in tRPC's error shape and saves nothing",
    async (_label, chunked) => {
      const before = await contacts();
      const answer = await post(
        "/api/trpc/contact.create",
        "application/json",
        JSON.stringify({ name: "z".repeat(MAX_REQUEST_BODY_BYTES), phone: "98765 43212" }),
        { chunked },
      );
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body)).toEqual({
        error: {
          message: expect.stringMatching(/^This request is larger than 1 MB/),
          code: -32013,
          data: { code: "PAYLOAD_TOO_LARGE", httpStatus: 413 },
        },
      });
      expect(await contacts()).toBe(before);
    },
  );

  test("a tRPC call under the limit reaches the procedure", async () => {
    const before = await contacts();
    const answer = await post("/api/trpc/contact.create", "application/json", JSON.stringify({ name: "Via tRPC", phone: "98765 43213" }));
    expect(answer.status).toBe(200);
    expect(await contacts()).toBe(before + 1);
  });
});
