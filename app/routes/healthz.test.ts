// /healthz (the whole system), /healthz/live and /healthz/ready (one web process).
import { afterEach, describe, expect, test, vi } from "vitest";
import { createPrismaClient, prisma } from "~/utils/db.server";
import { loader as systemLoader } from "./healthz";
import { loader as liveLoader } from "./healthz_.live";
import { loader as readyLoader } from "./healthz_.ready";

const globals = globalThis as unknown as { __leadlanePrisma?: typeof prisma };

/** Points the process-wide client at a database that does not exist, for the length of `run`. */
async function withDatabaseDown<T>(run: () => Promise<T>): Promise<T> {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = "/leadlane_secret_missing_db";
  const broken = createPrismaClient(url.toString(), 1);
  const previous = globals.__leadlanePrisma;
  globals.__leadlanePrisma = broken;
  try {
    return await run();
  } finally {
    globals.__leadlanePrisma = previous;
    await broken.$disconnect();
  }
}

async function answer(response: Response) {
  return { status: response.status, cacheControl: response.headers.get("Cache-Control"), body: (await response.json()) as Record<string, unknown> };
}

afterEach(async () => {
  vi.restoreAllMocks();
  await prisma.workerHeartbeat.deleteMany();
});

async function beat() {
  const now = new Date();
  await prisma.workerHeartbeat.create({ data: { workerId: "test-worker", hostname: "test", pid: 1, startedAt: now, lastSeenAt: now } });
}

describe("health endpoints", () => {
  test("a web process without a worker is live and ready; the system check says a worker is missing", async () => {
    const live = await answer(liveLoader());
    expect(live).toEqual({ status: 200, cacheControl: "no-store", body: { status: "ok" } });

    const ready = await answer(await readyLoader());
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: "ready", database: { ok: true }, worker: { ok: false, count: 0 } });

    const system = await answer(await systemLoader());
    expect(system.status).toBe(503);
    expect(system.body).toMatchObject({ status: "degraded", database: { ok: true }, worker: { ok: false, count: 0 } });
  });

  test("with a worker's heartbeat every check is 200", async () => {
    await beat();
    expect((await systemLoader()).status).toBe(200);
    expect((await readyLoader()).status).toBe(200);
    expect(liveLoader().status).toBe(200);
  });

  test("with the database down: still live, not ready, and no database error text in any answer", async () => {
    await beat();
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const [live, ready, system] = await withDatabaseDown(async () => [
      await answer(liveLoader()),
      await answer(await readyLoader()),
      await answer(await systemLoader()),
    ]);
    expect(live.status).toBe(200);
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({ status: "unavailable", database: { ok: false }, worker: { ok: false, count: 0, lastSeenAt: null } });
    expect(system.status).toBe(503);
    expect(system.body).toEqual({ status: "degraded", database: { ok: false }, worker: { ok: false, count: 0, lastSeenAt: null } });
    for (const each of [ready, system]) expect(JSON.stringify(each.body)).not.toMatch(/leadlane_secret_missing_db|does not exist|error/i);
    // The reason goes to the log instead.
    expect(logged.mock.calls.flat().join(" ")).toMatch(/leadlane_secret_missing_db/);
  });
});
