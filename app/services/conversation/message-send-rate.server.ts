// Each sender's pace (Channel.ratePerSecond, else its kind's default), shared by every worker process:
// a counter per channel and window of the clock in PostgreSQL (rate-limiter-flexible on the shared
// pool, like the sign-in throttle). A send takes a slot first; when none is free it is told how long to wait, so the job can
// come back then instead of holding a worker while it waits, and the workers are woken at that moment.
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import type pg from "pg";
import { sendsPerSecond } from "~/domain/conversation/channel-rate";
import type { ChannelKind } from "~/generated/prisma/enums";
import { now } from "~/utils/clock";
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

type Window = { points: number; durationSeconds: number };

/** Which window of the clock an instant falls in: windows start on whole multiples of their length. */
export function windowIndex(window: Window, atMs: number): number {
  return Math.floor(atMs / (window.durationSeconds * 1000));
}

/**
 * How long a send refused in window `index` should wait: until the start of the window its place in
 * line falls in. The counter keeps counting refusals, so the 20th send over a limit of 10 a second is
 * told two windows, not one; a backlog comes back a window's worth at a time instead of all of it at
 * every window. Windows are fixed on the clock, so one coming late never pushes the next ones back.
 */
export function waitForTurn(window: Window, { index, consumedPoints, atMs }: { index: number; consumedPoints: number; atMs: number }): number {
  const windowsAhead = Math.max(1, Math.ceil((consumedPoints - window.points) / window.points));
  return Math.max(1, (index + windowsAhead) * window.durationSeconds * 1000 - atMs);
}

export type SendSlot = { granted: true } | { granted: false; retryInMs: number };

/** Takes one of the channel's send slots for now, or says when the next one frees up. */
export async function takeSendSlot(channel: { id: string; kind: ChannelKind; ratePerSecond: number | null }): Promise<SendSlot> {
  if (getEnv().MESSAGE_SEND_RATE_LIMIT === "off") return { granted: true };
  const window = sendWindow(sendsPerSecond(channel));
  const limiter = limiterFor(window);
  const atMs = now().getTime();
  const index = windowIndex(window, atMs);
  try {
    // One counter per channel and window of the clock (the limiter's own rows expire after it).
    await limiter.consume(`${channel.id}:${index}`, 1);
    return { granted: true };
  } catch (error) {
    if (error instanceof RateLimiterRes) return { granted: false, retryInMs: waitForTurn(window, { index, consumedPoints: error.consumedPoints, atMs }) };
    throw error;
  }
}
