// How many connections one process holds: its one pool (DATABASE_POOL_SIZE)
// plus the LISTEN connection for live updates, whatever is running — requests,
// sign-ins, website forms, a worker with its jobs, an export — and none after shutdown.
import { Writable } from "node:stream";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startWorker, type WorkerHandle } from "../../jobs/worker";
import { exportContactsCsv } from "~/services/contact-export.server";
import { liveEventHub } from "~/services/live-events.server";
import { throttledSignIn } from "~/services/login-throttle.server";
import { submitWebForm, webFormAccess } from "~/services/form-submission.server";
import { contactFilterSchema } from "~/domain/contact/contact-filter.schema";
import { prisma } from "~/utils/db.server";
import { LISTEN_APPLICATION_NAME, POOL_APPLICATION_NAME } from "~/utils/pg-pool.server";
import { createOrganization } from "../../prisma/factories";
import { createWebForm } from "../../prisma/factories-imports";
import { closeAppConnections } from "./runtime";

const POOL_SIZE = 6;
const previousPoolSize = process.env.DATABASE_POOL_SIZE;
const previousConcurrency = process.env.WORKER_CONCURRENCY;
// Read when the pool is first made (below), as an entry point's environment would be.
process.env.DATABASE_POOL_SIZE = String(POOL_SIZE);
process.env.WORKER_CONCURRENCY = "2";

let observer: pg.Client;
let worker: WorkerHandle | null = null;
let sampling = false;
let sampler: Promise<void> = Promise.resolve();

beforeAll(async () => {
  observer = new pg.Client({ connectionString: process.env.DATABASE_URL, application_name: "connection_count_observer" });
  await observer.connect();
});

afterAll(async () => {
  sampling = false;
  await sampler;
  await worker?.stop();
  await observer.end();
  if (previousPoolSize === undefined) delete process.env.DATABASE_POOL_SIZE;
  else process.env.DATABASE_POOL_SIZE = previousPoolSize;
  if (previousConcurrency === undefined) delete process.env.WORKER_CONCURRENCY;
  else process.env.WORKER_CONCURRENCY = previousConcurrency;
});

/** This test database's connections by application_name (the observer's own left out). */
async function connections(): Promise<Record<string, number>> {
  const { rows } = await observer.query<{ name: string; n: number }>(
    `SELECT application_name AS name, count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() GROUP BY application_name`,
  );
  return Object.fromEntries(rows.map((row) => [row.name, row.n]));
}

/** A writable that takes the CSV slowly, so the export holds its connection for a while. */
function slowSink(): Writable {
  return new Writable({
    highWaterMark: 1024,
    write(_chunk, _encoding, callback) {
      setTimeout(callback, 5);
    },
  });
}

describe("connections per process", () => {
  test(`with everything running at once a process holds at most DATABASE_POOL_SIZE (${POOL_SIZE}) + 1; none after shutdown`, async () => {
    const { organization, owner } = await createOrganization(prisma);
    await prisma.$executeRaw`
      INSERT INTO "Contact" ("organizationId", "name", "phone", "updatedAt")
      SELECT ${organization.id}::uuid, 'Pool ' || g, '+9171' || lpad(g::text, 8, '0'), now() FROM generate_series(1, 3000) g`;
    const form = await createWebForm(prisma, { organizationId: organization.id });

    worker = await startWorker({ concurrency: 2 });
    const unsubscribe = await liveEventHub().subscribe(organization.id, () => {});

    const samples: Array<Record<string, number>> = [];
    sampling = true;
    sampler = (async () => {
      while (sampling) {
        samples.push(await connections());
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();

    const access = await webFormAccess(prisma, { formKey: form.key, origin: null });
    const exportDone = exportContactsCsv({ organizationId: organization.id, userId: owner.id }, contactFilterSchema.parse({}), slowSink(), {
      chunkBytes: 1024,
    });
    await Promise.all([
      exportDone,
      // Far more queries than connections: they queue for the pool instead of opening more.
      ...Array.from({ length: 40 }, () => prisma.$executeRaw`SELECT pg_sleep(0.05)`),
      ...Array.from({ length: 20 }, (_, i) =>
        throttledSignIn(`flood-${i}@example.com`, "198.51.100.20", async () => {
          await prisma.$executeRaw`SELECT pg_sleep(0.02)`;
          return null;
        }),
      ),
      ...Array.from({ length: 5 }, (_, i) =>
        submitWebForm(prisma, { form: access.form, fields: { name: `Lead ${i}`, phone: `+91987650${String(i).padStart(4, "0")}` }, ip: "198.51.100.21" }),
      ),
    ]);
    sampling = false;
    await sampler;

    const peak = (name: string) => Math.max(0, ...samples.map((sample) => sample[name] ?? 0));
    // Every connection is the pool's or the listener's, never more than the pool allows.
    const names = new Set(samples.flatMap((sample) => Object.keys(sample)));
    expect([...names].sort()).toEqual([LISTEN_APPLICATION_NAME, POOL_APPLICATION_NAME, "leadlane_contact_export"].filter((name) => names.has(name)).sort());
    expect(names.has(POOL_APPLICATION_NAME)).toBe(true);
    expect(peak(LISTEN_APPLICATION_NAME)).toBe(1);
    const pooledPeak = Math.max(
      ...samples.map((sample) => (sample[POOL_APPLICATION_NAME] ?? 0) + (sample.leadlane_contact_export ?? 0)),
    );
    expect(pooledPeak).toBeLessThanOrEqual(POOL_SIZE);
    // The load did fill the pool (so the ceiling above was reached, not just unneeded).
    expect(pooledPeak).toBe(POOL_SIZE);

    await unsubscribe();
    await worker.stop();
    worker = null;
    await closeAppConnections();
    await expect.poll(connections).toEqual({});
  });
});
