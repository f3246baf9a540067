// What every entry point does before serving: validate configuration, find or
// start PostgreSQL, apply migrations (ours and graphile-worker's), and seed demo
// data into an empty database.
import path from "node:path";
import { runMigrations } from "graphile-worker";
import { EnvError, parseEnv, type Env } from "../../app/utils/env.server";
import { createPrismaClient } from "../../app/utils/db.server";
import { ensureDatabase, type DatabaseHandle } from "./database";
import { applyMigrations } from "./migrations";
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

export async function prepareRuntime(options: { seed: boolean; dataDir?: string }) {
  validateEnvOrExit();
  const database: DatabaseHandle = await ensureDatabase({ dataDir: options.dataDir ?? DEFAULT_DATA_DIR });
  process.env.DATABASE_URL = database.url;
  const env = validateEnvOrExit();
  await applyMigrations(database.url, { log: (line) => console.log(`[db] ${line}`) });
  await runMigrations({ connectionString: database.url });
  let seeded = false;
  if (options.seed) {
    const db = createPrismaClient(database.url, 2);
    try {
      if (await isDatabaseEmpty(db)) {
        await seedDemoData(db);
        seeded = true;
      }
    } finally {
      await db.$disconnect();
    }
  }
  return { database, env, seeded };
}

export function printDemoCredentials(url: string) {
  console.log("");
  console.log(`  Leadlane is running at ${url}`);
  console.log(`  Sign in as ${DEMO_OWNER_EMAIL} / ${DEMO_PASSWORD} (owner)`);
  console.log(`  Agents: ${DEMO_AGENT_EMAILS.join(", ")} (same password)`);
  console.log("");
}

/** Runs `stop` once on SIGINT/SIGTERM, then exits. */
export function onShutdown(stop: () => Promise<void>) {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`[leadlane] ${signal} received, shutting down`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        console.error(error);
        process.exit(1);
      });
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
}
