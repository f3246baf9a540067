// The one node-postgres pool of a process. Prisma (through adapter-pg), the
// sign-in and website-form counters, graphile-worker (its job queries and its
// LISTEN for new jobs), the worker heartbeat and CSV exports all take their
// connections from it. The only connection outside it is the one that LISTENs
// for live updates (live-events.server.ts). So a process holds at most
// DATABASE_POOL_SIZE + 1 connections, whatever it is doing.
import pg from "pg";
import { getEnv } from "~/utils/env.server";

/** How the pool's connections name themselves in pg_stat_activity. */
export const POOL_APPLICATION_NAME = "leadlane";
/** How the live-updates connection names itself. */
export const LISTEN_APPLICATION_NAME = "leadlane_listen";

export function createPool(connectionString: string, max: number): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max,
    application_name: POOL_APPLICATION_NAME,
    keepAlive: true,
    // Idle connections beyond what the load needs close after a while.
    idleTimeoutMillis: 30_000,
  });
  // An idle connection dropped (a database restart, shutdown): the pool opens
  // another on next use. Without a listener the 'error' event would end the process.
  pool.on("error", () => {});
  // A checked-out connection that fails reports it to its query, which handles it.
  pool.on("connect", (client) => client.on("error", () => {}));
  return pool;
}

// On globalThis: the server build and the entry points are separate module
// graphs in one process (and a dev rebuild re-imports the build), but share one pool.
const globalForPool = globalThis as unknown as { __leadlanePool?: pg.Pool };

/** The process's pool, created on first use from DATABASE_URL and DATABASE_POOL_SIZE. */
export function sharedPool(): pg.Pool {
  if (!globalForPool.__leadlanePool) {
    const env = getEnv();
    globalForPool.__leadlanePool = createPool(env.DATABASE_URL, env.DATABASE_POOL_SIZE);
  }
  return globalForPool.__leadlanePool;
}

/** Ends the process's pool (shutdown and tests); the next use opens a new one. */
export async function closeSharedPool(): Promise<void> {
  const pool = globalForPool.__leadlanePool;
  delete globalForPool.__leadlanePool;
  await pool?.end();
}
