// Sign-in throttling, stored in PostgreSQL so every web process shares it.
// Per account: at most 100 failures an hour, and after a few consecutive
// failures a delay that doubles with each one. Per IP: a ceiling on failures
// across all accounts. Unknown emails are throttled exactly like real ones.
import pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { getEnv } from "~/utils/env.server";

export const ACCOUNT_FAILURES_PER_HOUR = 100;
export const IP_FAILURES_PER_HOUR = 300;
const FREE_CONSECUTIVE_FAILURES = 5;
const MAX_DELAY_SECONDS = 15 * 60;

type Limiters = {
  accountHourly: RateLimiterPostgres;
  accountConsecutive: RateLimiterPostgres;
  accountDelay: RateLimiterPostgres;
  ipHourly: RateLimiterPostgres;
};

type ThrottleState = { pool: pg.Pool; lockPool: pg.Pool; limiters: Limiters };

const globalForThrottle = globalThis as unknown as { __leadlaneThrottle?: ThrottleState };

function state(): ThrottleState {
  if (!globalForThrottle.__leadlaneThrottle) {
    const pool = new pg.Pool({ connectionString: getEnv().DATABASE_URL, max: 3 });
    // Separate connections for the per-account locks: a queue of waiting
    // attempts must never starve the counters of a connection.
    const lockPool = new pg.Pool({ connectionString: getEnv().DATABASE_URL, max: 20 });
    // An idle connection dropped (a database restart, shutdown): the pool opens another on next use.
    // Without a listener the pool's 'error' event would end the process.
    for (const each of [pool, lockPool]) each.on("error", () => {});
    const common = { storeClient: pool, tableName: "rate_limit", tableCreated: true } as const;
    globalForThrottle.__leadlaneThrottle = {
      pool,
      lockPool,
      limiters: {
        accountHourly: new RateLimiterPostgres({
          ...common,
          keyPrefix: "signin_fail_account",
          points: ACCOUNT_FAILURES_PER_HOUR,
          duration: 60 * 60,
        }),
        accountConsecutive: new RateLimiterPostgres({
          ...common,
          keyPrefix: "signin_fail_streak",
          points: 10_000,
          duration: 24 * 60 * 60,
        }),
        accountDelay: new RateLimiterPostgres({ ...common, keyPrefix: "signin_delay", points: 1, duration: 1 }),
        ipHourly: new RateLimiterPostgres({
          ...common,
          keyPrefix: "signin_fail_ip",
          points: IP_FAILURES_PER_HOUR,
          duration: 60 * 60,
        }),
      },
    };
  }
  return globalForThrottle.__leadlaneThrottle;
}

/** Closes the throttling pools (shutdown and tests); the next sign-in opens new ones. */
export async function closeLoginThrottle(): Promise<void> {
  const current = globalForThrottle.__leadlaneThrottle;
  delete globalForThrottle.__leadlaneThrottle;
  await Promise.all([current?.pool.end(), current?.lockPool.end()]);
}

function limiters(): Limiters {
  return state().limiters;
}

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

function blockedFor(res: RateLimiterRes | null, limit: number): number | null {
  if (!res || res.consumedPoints <= limit) return null;
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

/** Whether a sign-in for this email from this IP may be tried now. */
export async function checkSignInAllowed(email: string, ip: string): Promise<ThrottleVerdict> {
  const l = limiters();
  const [hourly, delay, ipRes] = await Promise.all([
    l.accountHourly.get(email),
    l.accountDelay.get(email),
    l.ipHourly.get(ip),
  ]);
  const waits = [
    blockedFor(hourly, ACCOUNT_FAILURES_PER_HOUR - 1),
    blockedFor(delay, 0),
    blockedFor(ipRes, IP_FAILURES_PER_HOUR - 1),
  ].filter((value): value is number => value !== null);
  return waits.length ? { allowed: false, retryAfterSeconds: Math.max(...waits) } : { allowed: true };
}

export function delayAfterFailures(consecutiveFailures: number): number {
  if (consecutiveFailures < FREE_CONSECUTIVE_FAILURES) return 0;
  return Math.min(MAX_DELAY_SECONDS, 2 ** (consecutiveFailures - FREE_CONSECUTIVE_FAILURES));
}

export async function recordSignInFailure(email: string, ip: string): Promise<void> {
  const l = limiters();
  const consume = (limiter: RateLimiterPostgres, key: string) =>
    limiter.consume(key).catch((rejection: unknown) => {
      if (rejection instanceof RateLimiterRes) return rejection;
      throw rejection;
    });
  const [, streak] = await Promise.all([
    consume(l.accountHourly, email),
    consume(l.accountConsecutive, email),
    consume(l.ipHourly, ip),
  ]);
  const delay = delayAfterFailures(streak.consumedPoints);
  if (delay > 0) await l.accountDelay.block(email, delay);
}

export async function recordSignInSuccess(email: string): Promise<void> {
  const l = limiters();
  await Promise.all([l.accountConsecutive.delete(email), l.accountDelay.delete(email)]);
}

export type SignInOutcome<T> =
  | { status: "ok"; value: T }
  | { status: "invalid" }
  | { status: "throttled"; retryAfterSeconds: number };

/**
 * One sign-in attempt: check the counters, verify, record — while holding a
 * lock on the account and then on the IP (always in that order, so two
 * attempts can't deadlock). Parallel guesses therefore queue one behind the
 * other instead of all passing the check before any failure is counted.
 */
export async function throttledSignIn<T>(
  email: string,
  ip: string,
  verify: () => Promise<T | null>,
): Promise<SignInOutcome<T>> {
  const client = await state().lockPool.connect();
  const keys = [`signin:account:${email}`, `signin:ip:${ip}`];
  try {
    for (const key of keys) await client.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [key]);
    const verdict = await checkSignInAllowed(email, ip);
    if (!verdict.allowed) return { status: "throttled", retryAfterSeconds: verdict.retryAfterSeconds };
    const value = await verify();
    if (value === null) {
      await recordSignInFailure(email, ip);
      return { status: "invalid" };
    }
    await recordSignInSuccess(email);
    return { status: "ok", value };
  } finally {
    await client.query("SELECT pg_advisory_unlock_all()").catch(() => {});
    client.release();
  }
}
