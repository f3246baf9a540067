// Sign-in throttling, stored in PostgreSQL so every web process shares it.
// Per account: at most 100 failures an hour, and after a few consecutive
// failures a delay that doubles with each one. Per IP: a ceiling on failures
// across all accounts. Unknown emails are throttled exactly like real ones.
// Sign-ups are counted per email and per IP the same way.
import os from "node:os";
import type pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { sharedPool } from "~/utils/pg-pool.server";

export const ACCOUNT_FAILURES_PER_HOUR = 100;
export const IP_FAILURES_PER_HOUR = 300;
/** Sign-up requests (each sends an email) per address, and per client IP (like failed sign-ins). */
export const SIGN_UPS_PER_EMAIL_PER_HOUR = 5;
export const SIGN_UPS_PER_IP_PER_HOUR = 300;
const FREE_CONSECUTIVE_FAILURES = 5;
const MAX_DELAY_SECONDS = 15 * 60;
/**
 * Once a failure would start a delay, an attempt claims the account's delay slot
 * before it checks the password; the claim lasts this long unless the attempt's
 * outcome replaces it (a failure sets the next delay, a success clears it).
 */
const CLAIM_SECONDS = 5;

type Limiters = {
  accountHourly: RateLimiterPostgres;
  accountConsecutive: RateLimiterPostgres;
  accountDelay: RateLimiterPostgres;
  ipHourly: RateLimiterPostgres;
  signUpEmail: RateLimiterPostgres;
  signUpIp: RateLimiterPostgres;
};

type ThrottleState = { pool: pg.Pool; limiters: Limiters };

const globalForThrottle = globalThis as unknown as { __leadlaneThrottle?: ThrottleState };

/** Counters on the process's shared pool: each check or count is one short query, never a wait on a lock. */
function state(): ThrottleState {
  const pool = sharedPool();
  if (globalForThrottle.__leadlaneThrottle?.pool !== pool) {
    const common = { storeClient: pool, storeType: "pool", tableName: "rate_limit", tableCreated: true } as const;
    globalForThrottle.__leadlaneThrottle = {
      pool,
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
        accountDelay: new RateLimiterPostgres({ ...common, keyPrefix: "signin_delay", points: 1, duration: CLAIM_SECONDS }),
        ipHourly: new RateLimiterPostgres({
          ...common,
          keyPrefix: "signin_fail_ip",
          points: IP_FAILURES_PER_HOUR,
          duration: 60 * 60,
        }),
        signUpEmail: new RateLimiterPostgres({ ...common, keyPrefix: "signup_email", points: SIGN_UPS_PER_EMAIL_PER_HOUR, duration: 60 * 60 }),
        signUpIp: new RateLimiterPostgres({ ...common, keyPrefix: "signup_ip", points: SIGN_UPS_PER_IP_PER_HOUR, duration: 60 * 60 }),
      },
    };
  }
  return globalForThrottle.__leadlaneThrottle;
}

/** Forgets the counters' clients (shutdown and tests); the connections belong to the shared pool. */
export async function closeLoginThrottle(): Promise<void> {
  delete globalForThrottle.__leadlaneThrottle;
  await Promise.resolve();
}

function limiters(): Limiters {
  return state().limiters;
}

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

function blockedFor(res: RateLimiterRes | null, limit: number): number | null {
  if (!res || res.consumedPoints <= limit) return null;
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

/** Whether a sign-in for this email from this IP may be tried now (a read; throttledSignIn counts and checks in one step). */
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

/** Counts one failed sign-in (what an attempt that checked a wrong password leaves behind). */
export async function recordSignInFailure(email: string, ip: string): Promise<void> {
  const l = limiters();
  const [, streak] = await Promise.all([
    consumeCounting(l.accountHourly, email),
    consumeCounting(l.accountConsecutive, email),
    consumeCounting(l.ipHourly, ip),
  ]);
  const delay = delayAfterFailures(streak.consumedPoints);
  if (delay > 0) await l.accountDelay.block(email, delay);
}

export async function recordSignInSuccess(email: string): Promise<void> {
  const l = limiters();
  await Promise.all([l.accountConsecutive.delete(email), l.accountDelay.delete(email)]);
}

/**
 * Runs tasks a few at a time, taking turns across lanes: each finished task
 * hands its place to the first waiting lane, which then goes to the back. One
 * lane with a thousand tasks waiting delays another lane's task by one turn.
 */
export class TurnTaking {
  private running = 0;
  /** Waiting tasks by lane; the Map's order is whose turn is next. */
  private readonly waiting = new Map<string, Array<() => void>>();

  constructor(readonly concurrency: number) {}

  /** Lanes with tasks waiting for a turn. */
  waitingLanes(): number {
    return this.waiting.size;
  }

  async run<T>(lane: string, task: () => Promise<T>): Promise<T> {
    if (this.running < this.concurrency && this.waiting.size === 0) this.running += 1;
    else
      await new Promise<void>((resolve) => {
        const queue = this.waiting.get(lane);
        if (queue) queue.push(resolve);
        else this.waiting.set(lane, [resolve]);
      });
    try {
      return await task();
    } finally {
      this.handOver();
    }
  }

  private handOver() {
    const next = this.waiting.entries().next();
    if (next.done) {
      this.running -= 1;
      return;
    }
    const [lane, queue] = next.value;
    const start = queue.shift()!;
    this.waiting.delete(lane);
    if (queue.length > 0) this.waiting.set(lane, queue);
    start();
  }
}

/**
 * Checking a password (argon2id, ~19 MiB and tens of milliseconds of CPU) is
 * the costly part of a sign-in: this process runs as many at once as it has
 * cores, the addresses taking turns, so a burst from one address waits behind
 * itself rather than in front of everyone else.
 */
export const passwordChecks = new TurnTaking(Math.max(1, os.availableParallelism()));

export type SignInOutcome<T> =
  | { status: "ok"; value: T }
  | { status: "invalid" }
  | { status: "throttled"; retryAfterSeconds: number };

/** A consume that went over its limit still counted; its RateLimiterRes says by how much and until when. */
function consumeCounting(limiter: RateLimiterPostgres, key: string): Promise<RateLimiterRes> {
  return limiter.consume(key).catch((rejection: unknown) => {
    if (rejection instanceof RateLimiterRes) return rejection;
    throw rejection;
  });
}

function secondsLeft(res: RateLimiterRes): number {
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

/**
 * One sign-in attempt, consume-then-verify: before the password is checked the
 * attempt counts itself (one atomic upsert per counter), so parallel guesses
 * each see those counted before them and can't all pass a check first. Once
 * a failure would start a delay, an attempt must also claim the account's delay
 * slot (only one can hold it). An attempt refused here gives its counts back; a success
 * gives back the hourly counts and clears the streak. Nothing waits on a lock
 * or holds a connection while another attempt runs, and password checks take
 * turns across addresses, so a flood of guesses on one account or from one
 * address can't hold up anyone else's sign-in.
 */
export async function throttledSignIn<T>(
  email: string,
  ip: string,
  verify: () => Promise<T | null>,
): Promise<SignInOutcome<T>> {
  // No separate check first: counting is the check (an attempt over a limit gives its counts back).
  // The streak comes first: in a burst on one account nearly every attempt is refused right there,
  // after two short queries, without touching the hourly counters.
  const l = limiters();
  const streak = await consumeCounting(l.accountConsecutive, email);
  // An attempt whose failure would start (or lengthen) a delay claims the delay
  // slot first: the next attempt then waits for its outcome, and for the delay.
  // (This attempt's place in the streak counts those still being checked.)
  const claimsSlot = delayAfterFailures(streak.consumedPoints) > 0;
  if (claimsSlot) {
    const claim = await consumeCounting(l.accountDelay, email);
    if (claim.consumedPoints > 1) {
      await l.accountConsecutive.reward(email, 1);
      return { status: "throttled", retryAfterSeconds: secondsLeft(claim) };
    }
  }
  const [hourly, ipHourly] = await Promise.all([consumeCounting(l.accountHourly, email), consumeCounting(l.ipHourly, ip)]);
  const giveBack = async () => {
    await Promise.all([
      l.accountHourly.reward(email, 1),
      l.ipHourly.reward(ip, 1),
      l.accountConsecutive.reward(email, 1),
      claimsSlot ? l.accountDelay.delete(email) : null,
    ]);
  };
  const overLimit = [
    hourly.consumedPoints > ACCOUNT_FAILURES_PER_HOUR ? secondsLeft(hourly) : null,
    ipHourly.consumedPoints > IP_FAILURES_PER_HOUR ? secondsLeft(ipHourly) : null,
  ].filter((value): value is number => value !== null);
  if (overLimit.length) {
    await giveBack();
    return { status: "throttled", retryAfterSeconds: Math.max(...overLimit) };
  }

  let value: T | null;
  try {
    value = await passwordChecks.run(ip, verify);
  } catch (error) {
    // Not a failed guess: undo what this attempt counted.
    await giveBack().catch(() => {});
    throw error;
  }
  if (value === null) {
    const delay = delayAfterFailures(streak.consumedPoints);
    if (delay > 0) await l.accountDelay.block(email, delay);
    return { status: "invalid" };
  }
  await Promise.all([
    l.accountHourly.reward(email, 1),
    l.ipHourly.reward(ip, 1),
    recordSignInSuccess(email),
  ]);
  return { status: "ok", value };
}

export type SignUpOutcome<T> = { status: "ok"; value: T } | { status: "throttled"; retryAfterSeconds: number };

/**
 * One sign-up request, throttled like a sign-in: it counts itself per email
 * and per IP first (whether or not the email has an account, so the answer
 * can't tell), is refused over either limit, and hashes its password in a
 * turn shared with the sign-ins (`run` does the hashing and the writing).
 */
export async function throttledSignUp<T>(email: string, ip: string, run: () => Promise<T>): Promise<SignUpOutcome<T>> {
  const l = limiters();
  const [byEmail, byIp] = await Promise.all([consumeCounting(l.signUpEmail, email), consumeCounting(l.signUpIp, ip)]);
  const overLimit = [
    byEmail.consumedPoints > SIGN_UPS_PER_EMAIL_PER_HOUR ? secondsLeft(byEmail) : null,
    byIp.consumedPoints > SIGN_UPS_PER_IP_PER_HOUR ? secondsLeft(byIp) : null,
  ].filter((value): value is number => value !== null);
  if (overLimit.length) {
    await Promise.all([l.signUpEmail.reward(email, 1), l.signUpIp.reward(ip, 1)]);
    return { status: "throttled", retryAfterSeconds: Math.max(...overLimit) };
  }
  return { status: "ok", value: await passwordChecks.run(ip, run) };
}
