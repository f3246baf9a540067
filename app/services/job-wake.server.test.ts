// The workers are told when a job put off until later comes due: one notification for the jobs due
// together, sent at that moment, on the channel graphile-worker listens to.
import pg from "pg";
import { afterAll, beforeAll, expect, test } from "vitest";
import { pendingWakeCount, wakeWorkersIn } from "~/services/job-wake.server";
import { getEnv } from "~/utils/env.server";

let listener: pg.Client;
const heard: Array<{ at: number; payload: string | undefined }> = [];

beforeAll(async () => {
  listener = new pg.Client({ connectionString: getEnv().DATABASE_URL });
  await listener.connect();
  listener.on("notification", (message) => {
    if (message.channel === "jobs:insert") heard.push({ at: performance.now(), payload: message.payload });
  });
  await listener.query('LISTEN "jobs:insert"');
});
afterAll(() => listener.end());

test("three jobs put off by the same 200 ms are announced once, with their count, when they come due", async () => {
  const started = performance.now();
  wakeWorkersIn(200);
  wakeWorkersIn(200);
  wakeWorkersIn(200);
  expect(pendingWakeCount()).toBe(1);
  await new Promise((resolve) => setTimeout(resolve, 120));
  expect(heard).toHaveLength(0);
  await expect.poll(() => heard.length, { timeout: 2_000 }).toBe(1);
  expect(JSON.parse(heard[0]!.payload!)).toEqual({ count: 3 });
  expect(heard[0]!.at - started).toBeGreaterThanOrEqual(195);
  expect(pendingWakeCount()).toBe(0);
});

test("jobs due at different moments each get their own notification", async () => {
  heard.length = 0;
  wakeWorkersIn(30);
  wakeWorkersIn(150);
  expect(pendingWakeCount()).toBe(2);
  await expect.poll(() => heard.length, { timeout: 2_000 }).toBe(2);
  expect(heard.map((entry) => JSON.parse(entry.payload!))).toEqual([{ count: 1 }, { count: 1 }]);
});
