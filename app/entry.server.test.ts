// What the server logs when a request fails: real errors, not 404s or abandoned requests.
import { afterEach, describe, expect, test, vi } from "vitest";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import * as entryServer from "~/entry.server";
import { testServerBuild, type ServerRouteModule } from "~/testing/server-build";

/** A build with the real handleError; documents render as a plain status page. */
function testBuild(routes: Record<string, ServerRouteModule>): ServerBuild {
  const byId = Object.fromEntries(Object.entries(routes).map(([path, module]) => [`routes/${path}`, { path, module }]));
  return testServerBuild(byId, {
    ...entryServer,
    default: (_request: Request, status: number) => new Response(`status ${status}`, { status }),
  });
}

const handler = createRequestHandler(
  testBuild({
    boom: {
      default: () => null,
      loader: () => {
        throw new Error("the database is on fire");
      },
    } as unknown as ServerRouteModule,
    gone: {
      default: () => null,
      loader: () => {
        throw new Response("No such contact.", { status: 404 });
      },
    } as unknown as ServerRouteModule,
    slow: {
      default: () => null,
      loader: ({ request }: { request: Request }) =>
        new Promise((_resolve, reject) => request.signal.addEventListener("abort", () => reject(new Error("aborted")))),
    } as unknown as ServerRouteModule,
  }),
  "production",
);

afterEach(() => {
  vi.restoreAllMocks();
});

function logged() {
  const spy = vi.spyOn(console, "error").mockImplementation(() => {});
  return () => spy.mock.calls.map((args) => args.map(String).join(" "));
}

describe("error logging", () => {
  test("a page that does not exist answers 404 and logs nothing", async () => {
    const lines = logged();
    const response = await handler(new Request("http://localhost/no-such-page"));
    expect(response.status).toBe(404);
    expect(lines()).toEqual([]);
  });

  test("a 404 thrown by a loader and a POST to a page without an action log nothing", async () => {
    const lines = logged();
    expect((await handler(new Request("http://localhost/gone"))).status).toBe(404);
    expect((await handler(new Request("http://localhost/gone?_data=routes%2Fgone"))).status).toBe(404);
    const post = await handler(
      new Request("http://localhost/boom?_data=routes%2Fboom", { method: "POST", body: new URLSearchParams({ a: "1" }) }),
    );
    expect(post.status).toBe(405);
    expect(lines()).toEqual([]);
  });

  test("a request the browser abandoned logs nothing", async () => {
    const lines = logged();
    const controller = new AbortController();
    const pending = handler(new Request("http://localhost/slow?_data=routes%2Fslow", { signal: controller.signal }));
    controller.abort();
    await pending.catch(() => {});
    expect(lines()).toEqual([]);
  });

  test("a loader that fails is still logged with its message", async () => {
    const lines = logged();
    expect((await handler(new Request("http://localhost/boom"))).status).toBe(500);
    expect(lines()).toHaveLength(1);
    expect(lines()[0]).toContain("the database is on fire");
  });
});
