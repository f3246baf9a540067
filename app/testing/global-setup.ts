// Starts PostgreSQL once for the whole test run (DATABASE_URL, or an embedded
// server) and builds a template database from the migrations. Each test file
// then gets its own copy of the template (see database-per-file.ts).
import path from "node:path";
import pg from "pg";
import { runMigrations } from "graphile-worker";
import type { TestProject } from "vitest/node";
import { ensureDatabase } from "../../scripts/lib/database";
import { applyMigrations } from "../../scripts/lib/migrations";

export const TEMPLATE_DATABASE = "leadlane_test_template";

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export default async function setup(project: TestProject) {
  const handle = await ensureDatabase({
    dataDir: path.resolve(".data/test-postgres"),
    database: "postgres",
    throwaway: true,
  });
  const adminUrl = withDatabase(handle.url, "postgres");
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  // Clear databases left behind by an interrupted run.
  const { rows } = await admin.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname LIKE 'leadlane_test_%'",
  );
  for (const { datname } of rows) {
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(datname)} WITH (FORCE)`);
  }
  await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(TEMPLATE_DATABASE)}`);
  await admin.end();

  const templateUrl = withDatabase(handle.url, TEMPLATE_DATABASE);
  await applyMigrations(templateUrl);
  await runMigrations({ connectionString: templateUrl, logger: undefined });

  project.provide("adminDatabaseUrl", adminUrl);
  project.provide("templateDatabase", TEMPLATE_DATABASE);

  return async () => {
    await handle.stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    templateDatabase: string;
  }
}
