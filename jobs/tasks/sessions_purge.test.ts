import type { JobHelpers } from "graphile-worker";
import { expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { createUser } from "../../prisma/factories";
import sessionsPurge from "./sessions_purge";

const info: string[] = [];
const helpers = { logger: { info: (m: string) => info.push(m) } } as unknown as JobHelpers;

test("removes expired sessions, stale throttle counters and old heartbeats, and keeps live ones", async () => {
  const user = await createUser(prisma);
  const now = Date.now();
  const session = (id: string, expiresAt: Date) =>
    prisma.session.create({ data: { id, userId: user.id, expiresAt } });
  await session("a".repeat(64), new Date(now - 1000));
  await session("b".repeat(64), new Date(now + 3600_000));
  await prisma.rateLimit.createMany({
    data: [
      { key: "signin_fail_account:old@example.com", points: 3, expire: BigInt(now - 1000) },
      { key: "signin_fail_account:live@example.com", points: 3, expire: BigInt(now + 60_000) },
    ],
  });
  const beat = (workerId: string, lastSeenAt: Date) =>
    prisma.workerHeartbeat.create({ data: { workerId, hostname: "h", pid: 1, startedAt: lastSeenAt, lastSeenAt } });
  await beat("gone", new Date(now - 25 * 3600_000));
  await beat("alive", new Date(now - 60_000));

  await sessionsPurge({}, helpers);

  expect((await prisma.session.findMany({ where: { userId: user.id } })).map((s) => s.id)).toEqual(["b".repeat(64)]);
  expect((await prisma.rateLimit.findMany()).map((r) => r.key)).toEqual(["signin_fail_account:live@example.com"]);
  expect((await prisma.workerHeartbeat.findMany()).map((h) => h.workerId)).toEqual(["alive"]);
  expect(info.at(-1)).toBe("purged 1 sessions, 1 throttle counters");
});

test("accepts the payload graphile-worker's cron gives it", async () => {
  await expect(sessionsPurge({ _cron: { ts: new Date().toISOString(), backfilled: false } }, helpers)).resolves.toBeUndefined();
  await expect(sessionsPurge(null as never, helpers)).resolves.toBeUndefined();
});
