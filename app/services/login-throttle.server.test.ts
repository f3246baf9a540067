import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { prisma } from "~/utils/db.server";
import {
  ACCOUNT_FAILURES_PER_HOUR,
  IP_FAILURES_PER_HOUR,
  checkSignInAllowed,
  delayAfterFailures,
  recordSignInFailure,
  recordSignInSuccess,
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
