import { expect, test } from "./fixtures";

test("GET /healthz reports the database and the worker as up", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/json");
  expect(response.headers()["cache-control"]).toBe("no-store");
  const body = (await response.json()) as {
    status: string;
    database: { ok: boolean };
    worker: { ok: boolean; count: number };
  };
  expect(body.status).toBe("ok");
  expect(body.database.ok).toBe(true);
  expect(body.worker.ok).toBe(true);
  expect(body.worker.count).toBeGreaterThanOrEqual(1);
});

test("GET /healthz/live and /healthz/ready answer for this web process", async ({ request }) => {
  const live = await request.get("/healthz/live");
  expect(live.status()).toBe(200);
  expect(await live.json()).toEqual({ status: "ok" });
  const ready = await request.get("/healthz/ready");
  expect(ready.status()).toBe(200);
  expect(ready.headers()["cache-control"]).toBe("no-store");
  expect(await ready.json()).toMatchObject({ status: "ready", database: { ok: true } });
});
