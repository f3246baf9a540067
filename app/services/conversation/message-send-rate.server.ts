// Each sender's pace (Channel.ratePerSecond, else its kind's default), shared by every worker process:
// a counter per channel in PostgreSQL (rate-limiter-flexible on the shared pool, like the sign-in
// throttle). A send takes a slot first; when none is free it is told how long to wait, so the job can
// come back then instead of holding a worker while it waits, and the workers are woken at that moment.
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import type pg from "pg";
import { sendsPerSecond } from "~/domain/conversation/channel-rate";
import type { ChannelKind } from "~/generated/prisma/enums";
import { getEnv } from "~/utils/env.server";
import { sharedPool } from "~/utils/pg-pool.server";

type LimiterState = { pool: pg.Pool; byWindow: Map<string, RateLimiterPostgres> };
const globalForRate = globalThis as unknown as { __leadlaneSendRate?: LimiterState };

/** A whole number of sends per window: 80/s is 80 a second, 0.5/s is 1 every 2 seconds. */
export function sendWindow(perSecond: number): { points: number; durationSeconds: number } {
  if (perSecond >= 1) return { points: Math.floor(perSecond), durationSeconds: 1 };
  return { points: 1, durationSeconds: Math.max(1, Math.round(1 / perSecond)) };
}

function limiterFor(window: { points: number; durationSeconds: number }): RateLimiterPostgres {
  const pool = sharedPool();
  if (globalForRate.__leadlaneSendRate?.pool !== pool) globalForRate.__leadlaneSendRate = { pool, byWindow: new Map() };
  const key = `${window.points}/${window.durationSeconds}`;
  let limiter = globalForRate.__leadlaneSendRate.byWindow.get(key);
  if (!limiter) {
    limiter = new RateLimiterPostgres({
      storeClient: pool,
      storeType: "pool",
      tableName: "rate_limit",
      tableCreated: true,
      keyPrefix: `message_send_${key}`,
      points: window.points,
      duration: window.durationSeconds,
    });
    globalForRate.__leadlaneSendRate.byWindow.set(key, limiter);
  }
  return limiter;
}

/**
 * How long a refused send should wait: until the window its place in line falls in. The counter
 * keeps counting refusals, so the 20th send over a limit of 10 a second is told two windows, not one;
 * a backlog comes back a window's worth at a time instead of all of it at every window.
 */
export function waitForTurn(window: { points: number; durationSeconds: number }, refusal: Pick<RateLimiterRes, "consumedPoints" | "msBeforeNext">): number {
  const windowsAhead = Math.max(1, Math.ceil((refusal.consumedPoints - window.points) / window.points));
  return Math.max(1, refusal.msBeforeNext) + (windowsAhead - 1) * window.durationSeconds * 1000;
}

export type SendSlot = { granted: true } | { granted: false; retryInMs: number };

/** Takes one of the channel's send slots for now, or says when the next one frees up. */
export async function takeSendSlot(channel: { id: string; kind: ChannelKind; ratePerSecond: number | null }): Promise<SendSlot> {
  if (getEnv().MESSAGE_SEND_RATE_LIMIT === "off") return { granted: true };
  const window = sendWindow(sendsPerSecond(channel));
  const limiter = limiterFor(window);
  try {
    await limiter.consume(channel.id, 1);
    return { granted: true };
  } catch (error) {
    if (error instanceof RateLimiterRes) return { granted: false, retryInMs: waitForTurn(window, error) };
    throw error;
  }
}
