// What every entry point does before serving: validate configuration, find or
// start PostgreSQL, apply migrations (ours and graphile-worker's), and seed demo
// data into an empty database. And how each one stops.
import path from "node:path";
import { runMigrations } from "graphile-worker";
import { EnvError, parseEnv, type Env } from "../../app/utils/env.server";
import { createPrismaClient, disconnectPrisma } from "../../app/utils/db.server";
import { closeLoginThrottle } from "../../app/services/login-throttle.server";
import { closeFormRateLimiter } from "../../app/services/form-submission.server";
import { liveEventHub } from "../../app/services/live-events.server";
import { closeSharedPool } from "../../app/utils/pg-pool.server";
import { DatabaseStartError, ensureDatabase, type DatabaseHandle } from "./database";
import { ListenError, checkPortFree } from "./http-server";
import { applyMigrations } from "./migrations";
import { launcherPids, whenAnyEnds } from "./processes";
import { DEMO_AGENT_EMAILS, DEMO_OWNER_EMAIL, DEMO_PASSWORD, isDatabaseEmpty, seedDemoData } from "../../prisma/seed";

export const DEFAULT_DATA_DIR = path.resolve(".data/postgres");

/** Validates the environment; on a bad value prints one line and exits. */
export function validateEnvOrExit(source: Record<string, string | undefined> = process.env): Env {
  try {
    // DATABASE_URL may still be unset here: an embedded server will provide it.
    return parseEnv({ ...source, DATABASE_URL: source.DATABASE_URL ?? "postgresql://embedded/leadlane" });
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/** A start that cannot go on for a reason the person can fix: one line, exit 1, no stack. */
export function exitOnStartupError(error: unknown): never {
  if (error instanceof DatabaseStartError || error instanceof ListenError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

/**
 * A signal before onShutdown takes over (while the database starts or
 * migrations run) exits at once; the exit handlers stop the embedded server
 * and any child process group.
 */
function exitDuringStartup(signal: NodeJS.Signals) {
  console.log(`[leadlane] ${signal} received while starting; stopping`);
  process.exit(1);
}

export async function prepareRuntime(options: { seed: boolean; dataDir?: string; servesHttp?: boolean }) {
  process.on("SIGINT", exitDuringStartup);
  process.on("SIGTERM", exitDuringStartup);
  const initial = validateEnvOrExit();
  try {
    // Before starting anything: a busy port is the commonest reason a start fails.
    if (options.servesHttp) await checkPortFree(initial.PORT, initial.HOST);
    const database: DatabaseHandle = await ensureDatabase({
      dataDir: options.dataDir ?? DEFAULT_DATA_DIR,
      // Only the browser tests' server, on a database it wipes first, trades durability for speed.
      throwaway: process.env.LEADLANE_THROWAWAY_DATABASE === "1",
    });
    process.env.DATABASE_URL = database.url;
    const env = validateEnvOrExit();
    await applyMigrations(database.url, {
      log: (line) => console.log(`[db] ${line}`),
      lockTimeoutMs: env.MIGRATION_LOCK_TIMEOUT_MS,
    });
    await runMigrations({ connectionString: database.url });
    let seeded = false;
    let empty = false;
    const db = createPrismaClient(database.url, 2);
    try {
      empty = await isDatabaseEmpty(db);
      if (options.seed && empty) {
        await seedDemoData(db);
        seeded = true;
        empty = false;
      }
    } finally {
      await db.$disconnect();
    }
    return { database, env, seeded, empty };
  } catch (error) {
    exitOnStartupError(error);
  }
}

/** The address to open in a browser for a server listening on `host`. */
export function localUrl(host: string, port: number): string {
  const everywhere = host === "0.0.0.0" || host === "::";
  const loopback = everywhere || host === "127.0.0.1" || host === "::1" || host === "localhost";
  const name = loopback ? "localhost" : host.includes(":") ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

export function printDemoCredentials() {
  console.log(`  Sign in as ${DEMO_OWNER_EMAIL} / ${DEMO_PASSWORD} (owner)`);
  console.log(`  Agents: ${DEMO_AGENT_EMAILS.join(", ")} (same password)`);
}

/**
 * Printed once the port is bound, so the address it names answers. `demo`: the
 * demo accounts exist; `empty`: no organization yet, so the first sign-up makes one.
 */
export function printBanner(url: string, options: { demo: boolean; empty?: boolean }) {
  console.log("");
  console.log(`  Leadlane is running at ${url}`);
  if (options.demo) printDemoCredentials();
  else if (options.empty) console.log(`  No accounts yet: sign up at ${url}/signup to create the first organization`);
  console.log("");
}

/**
 * Closes the connections this process holds: its one pool (Prisma, sign-in and
 * form throttling, the worker) and the live-updates LISTEN connection, so none
 * is left open when the database stops.
 */
export async function closeAppConnections(): Promise<void> {
  await Promise.all([disconnectPrisma(), closeLoginThrottle(), closeFormRateLimiter(), liveEventHub().close()]);
  await closeSharedPool();
}

/**
 * Runs `stop` once on SIGINT/SIGTERM, or when a process that started us has
 * ended (`watch`, by default the chain up to `npm run`), then exits: 0 when
 * everything stopped, 1 when something failed (in one line).
 */
export function onShutdown(stop: () => Promise<void>, options: { watch?: number[] } = {}) {
  process.off("SIGINT", exitDuringStartup);
  process.off("SIGTERM", exitDuringStartup);
  let stopping = false;
  const shutDown = (reason: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[leadlane] ${reason}, shutting down`);
    const force = setTimeout(() => {
      console.error("[leadlane] shutdown took longer than 15 s; exiting anyway");
      process.exit(1);
    }, 15_000);
    force.unref();
    stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        console.error(`[leadlane] shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      });
  };
  process.on("SIGINT", () => shutDown("SIGINT received"));
  process.on("SIGTERM", () => shutDown("SIGTERM received"));
  whenAnyEnds(options.watch ?? launcherPids(), () => shutDown("the process that started this one has ended"));
}
