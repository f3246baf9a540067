// Gives each test file its own database, copied from the migrated template,
// before any application module reads DATABASE_URL.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";

const adminUrl = inject("adminDatabaseUrl");
const template = inject("templateDatabase");
const database = `leadlane_test_${process.pid}_${randomBytes(4).toString("hex")}`;

const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(database)} TEMPLATE ${pg.escapeIdentifier(template)}`);
await admin.end();

const url = new URL(adminUrl);
url.pathname = `/${database}`;
process.env.DATABASE_URL = url.toString();
process.env.NODE_ENV = "test";

// Process-wide singletons from a previous file in this worker point at its database.
const globals = globalThis as Record<string, unknown>;
for (const key of ["__leadlanePool", "__leadlanePrisma", "__leadlaneThrottle", "__leadlaneFormLimiter", "__leadlaneLiveHub"]) {
  delete globals[key];
}

afterAll(async () => {
  const prisma = globals.__leadlanePrisma as { $disconnect?: () => Promise<void> } | undefined;
  await prisma?.$disconnect?.();
  const hub = globals.__leadlaneLiveHub as { close?: () => Promise<void> } | undefined;
  await hub?.close?.();
  // The process's one pool (Prisma, throttling, workers, exports all use it).
  const pool = globals.__leadlanePool as { end?: () => Promise<void> } | undefined;
  await pool?.end?.();
  const cleanup = new pg.Client({ connectionString: adminUrl });
  await cleanup.connect();
  await cleanup.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(database)} WITH (FORCE)`);
  await cleanup.end();
});
