import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { prisma } from "~/utils/db.server";
import {
  ACCOUNT_FAILURES_PER_HOUR,
  IP_FAILURES_PER_HOUR,
  checkSignInAllowed,
  delayAfterFailures,
  recordSignInFailure,
  recordSignInSuccess,
  passwordChecks,
  throttledSignIn,
  TurnTaking,
} from "~/services/login-throttle.server";

function uniqueEmail() {
  return `throttle-${Math.random().toString(36).slice(2, 10)}@example.com`;
}

describe("delayAfterFailures", () => {
  test("is free for the first 4 consecutive failures", () => {
    expect([0, 1, 2, 3, 4].map(delayAfterFailures)).toEqual([0, 0, 0, 0, 0]);
  });

  test("doubles from 1 second at the 5th failure", () => {
    expect([5, 6, 7, 8, 9, 10, 11].map(delayAfterFailures)).toEqual([1, 2, 4, 8, 16, 32, 64]);
  });

  test("never exceeds 15 minutes", () => {
    expect(delayAfterFailures(14)).toBe(512);
    expect(delayAfterFailures(15)).toBe(900);
    expect(delayAfterFailures(40)).toBe(900);
    expect(delayAfterFailures(10_000)).toBe(900);
  });
});

describe("the throttle's counters", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date() });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test("100 recorded failures in an hour block the account for the rest of the hour", async () => {
    const email = uniqueEmail();
    for (let i = 0; i < ACCOUNT_FAILURES_PER_HOUR; i += 1) {
      await recordSignInFailure(email, `192.0.2.${i % 200}`);
      // A success now and then breaks the streak but not the hourly count.
      if (i % 4 === 3) await recordSignInSuccess(email);
    }
    const verdict = await checkSignInAllowed(email, "192.0.2.250");
    expect(verdict).toEqual({ allowed: false, retryAfterSeconds: 3600 });
    expect(await checkSignInAllowed(uniqueEmail(), "192.0.2.250")).toEqual({ allowed: true });

    vi.advanceTimersByTime(3600 * 1000 + 1);
    expect(await checkSignInAllowed(email, "192.0.2.250")).toEqual({ allowed: true });
  });

  test("a success removes the streak and the delay but keeps the hourly count", async () => {
    const email = uniqueEmail();
    for (let i = 0; i < 6; i += 1) await recordSignInFailure(email, "192.0.2.1");
    expect(await checkSignInAllowed(email, "192.0.2.1")).toEqual({ allowed: false, retryAfterSeconds: 2 });

    await recordSignInSuccess(email);

    expect(await checkSignInAllowed(email, "192.0.2.1")).toEqual({ allowed: true });
    const keys = (await prisma.rateLimit.findMany({ where: { key: { endsWith: `:${email}` } } })).map((row) => [
      row.key,
      row.points,
    ]);
    expect(keys).toEqual([[`signin_fail_account:${email}`, 6]]);
  });

  test("the per-address ceiling is 300 failures an hour across accounts", async () => {
    const ip = "10.20.30.40";
    await prisma.rateLimit.create({
      data: { key: `signin_fail_ip:${ip}`, points: IP_FAILURES_PER_HOUR - 2, expire: BigInt(Date.now() + 600_000) },
    });
    await recordSignInFailure(uniqueEmail(), ip);
    expect(await checkSignInAllowed(uniqueEmail(), ip)).toEqual({ allowed: true });
    await recordSignInFailure(uniqueEmail(), ip);
    expect(await checkSignInAllowed(uniqueEmail(), ip)).toEqual({ allowed: false, retryAfterSeconds: 600 });
    expect(await checkSignInAllowed(uniqueEmail(), "10.20.30.41")).toEqual({ allowed: true });
  });
});

describe("TurnTaking", () => {
  test("runs tasks a few at a time, the lanes taking turns", async () => {
    const turns = new TurnTaking(2);
    const started: string[] = [];
    const gates = new Map<string, () => void>();
    const task = (name: string) => () =>
      new Promise<string>((resolve) => {
        started.push(name);
        gates.set(name, () => resolve(name));
      });
    const finish = async (name: string) => {
      gates.get(name)!();
      await new Promise((resolve) => setImmediate(resolve));
    };
    const all = [
      ...["a1", "a2", "a3", "a4", "a5"].map((name) => turns.run("a", task(name))),
      turns.run("b", task("b1")),
      turns.run("b", task("b2")),
      turns.run("c", task("c1")),
    ];
    expect(started).toEqual(["a1", "a2"]);
    expect(turns.waitingLanes()).toBe(3);
    await finish("a1");
    expect(started).toEqual(["a1", "a2", "a3"]);
    await finish("a2");
    await finish("a3");
    // b and c each got a turn before the rest of a's.
    expect(started).toEqual(["a1", "a2", "a3", "b1", "c1"]);
    for (const name of ["b1", "c1", "a4", "b2", "a5"]) await finish(name);
    expect(started).toEqual(["a1", "a2", "a3", "b1", "c1", "a4", "b2", "a5"]);
    expect(await Promise.all(all)).toEqual(["a1", "a2", "a3", "a4", "a5", "b1", "b2", "c1"]);
    expect(turns.waitingLanes()).toBe(0);
  });

  test("a task that throws still hands its turn on", async () => {
    const turns = new TurnTaking(1);
    const failing = turns.run("a", () => Promise.reject(new Error("boom")));
    const next = turns.run("b", () => Promise.resolve("next"));
    await expect(failing).rejects.toThrow("boom");
    expect(await next).toBe("next");
  });
});

describe("throttledSignIn under a flood of guesses", () => {
  test("80 guesses at once on one account from one address: five reach the password check, the rest are refused and give their counts back", async () => {
    const email = uniqueEmail();
    let checked = 0;
    const outcomes = await Promise.all(
      Array.from({ length: 80 }, () =>
        throttledSignIn(email, "198.51.100.7", async () => {
          checked += 1;
          return null;
        }),
      ),
    );
    expect(checked).toBe(5);
    expect(outcomes.filter((o) => o.status === "invalid")).toHaveLength(5);
    expect(outcomes.filter((o) => o.status === "throttled")).toHaveLength(75);
    const counters = await prisma.rateLimit.findMany({
      where: { key: { in: [`signin_fail_account:${email}`, `signin_fail_streak:${email}`, "signin_fail_ip:198.51.100.7"] } },
      orderBy: { key: "asc" },
    });
    expect(counters.map((row) => [row.key, row.points])).toEqual([
      [`signin_fail_account:${email}`, 5],
      ["signin_fail_ip:198.51.100.7", 5],
      [`signin_fail_streak:${email}`, 5],
    ]);
  });

  test("80 failed sign-ins from one address hold no lock, and another account's check goes next, ahead of theirs", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const started: string[] = [];
    const guesses = Array.from({ length: 80 }, (_, i) =>
      throttledSignIn(uniqueEmail(), "198.51.100.8", async () => {
        started.push(`guess ${i}`);
        await gate;
        return null;
      }),
    );
    // The first guesses are being checked, the rest wait for a turn.
    await expect.poll(() => started.length).toBe(passwordChecks.concurrency);
    const locks = await prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`;
    expect(locks[0]!.n).toBe(0);

    const other = throttledSignIn(uniqueEmail(), "203.0.113.9", async () => {
      started.push("other");
      return "signed in";
    });
    // Counted and waiting for its turn, like the guesses.
    await expect.poll(() => passwordChecks.waitingLanes()).toBe(2);
    release();
    expect(await other).toEqual({ status: "ok", value: "signed in" });
    // Within one turn of the address that was already waiting: ahead of the other 77 guesses.
    expect(started.indexOf("other")).toBeGreaterThan(0);
    expect(started.indexOf("other")).toBeLessThanOrEqual(passwordChecks.concurrency + 1);

    const outcomes = await Promise.all(guesses);
    expect(outcomes.every((o) => o.status === "invalid")).toBe(true);
    const ipCounter = await prisma.rateLimit.findUnique({ where: { key: "signin_fail_ip:198.51.100.8" } });
    expect(ipCounter?.points).toBe(80);
  });

  test("a check that fails (not a wrong password) counts nothing", async () => {
    const email = uniqueEmail();
    await expect(
      throttledSignIn(email, "198.51.100.9", async () => {
        throw new Error("database went away");
      }),
    ).rejects.toThrow("database went away");
    const counters = await prisma.rateLimit.findMany({ where: { key: { endsWith: email } } });
    expect(counters.map((row) => row.points).filter((points) => points !== 0)).toEqual([]);
  });
});
