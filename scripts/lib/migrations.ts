// Applies prisma/migrations/*/migration.sql in order, keeping Prisma's own
// `_prisma_migrations` bookkeeping so `prisma migrate deploy` agrees with it.
// An advisory lock serialises processes that start together; each migration
// runs in its own transaction, unless its first line is
// `-- leadlane:no-transaction` (for `CREATE INDEX CONCURRENTLY`, which
// PostgreSQL refuses inside a transaction): such a file holds exactly one
// statement, run on its own. Every migration runs with a `lock_timeout`, so a
// migration waiting for a busy table fails after a few seconds instead of
// queueing every other query on that table behind it.
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../prisma/migrations");

// Any fixed 64-bit number; shared by every process that migrates this database.
const MIGRATION_LOCK_ID = 7_203_115_001;

const CREATE_BOOKKEEPING_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** The first line that makes a migration run outside a transaction. */
export const NO_TRANSACTION_MARKER = "-- leadlane:no-transaction";

/** How long a migration's statement may wait for a lock before it fails. */
export const DEFAULT_LOCK_TIMEOUT_MS = 5_000;

export type MigrationFile = { name: string; sql: string; checksum: string; transaction: boolean };

/** Whether the file's first line asks to run outside a transaction. */
export function wantsNoTransaction(sql: string): boolean {
  const firstLine = sql.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0]!;
  return firstLine.trim() === NO_TRANSACTION_MARKER;
}

/**
 * The statements of a SQL script, split on the semicolons PostgreSQL would
 * split on: not inside '…' or E'…' strings, "…" identifiers, $tag$…$tag$
 * bodies, -- comments or (nested) block comments. Comment-only or empty pieces
 * are dropped.
 */
export function splitSqlStatements(sql: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  let meaningful = false;
  const push = (end: number) => {
    if (meaningful) statements.push(sql.slice(start, end).trim());
    start = end + 1;
    meaningful = false;
  };
  while (i < sql.length) {
    const char = sql[i]!;
    const next = sql[i + 1];
    if (char === "-" && next === "-") {
      const end = sql.indexOf("\n", i);
      i = end === -1 ? sql.length : end + 1;
    } else if (char === "/" && next === "*") {
      let depth = 1;
      i += 2;
      while (i < sql.length && depth > 0) {
        if (sql[i] === "/" && sql[i + 1] === "*") {
          depth += 1;
          i += 2;
        } else if (sql[i] === "*" && sql[i + 1] === "/") {
          depth -= 1;
          i += 2;
        } else i += 1;
      }
    } else if (char === "'" || char === '"') {
      // E'…' strings escape with a backslash; every quoted text doubles its quote.
      const backslashEscapes = char === "'" && /[eE]/.test(sql[i - 1] ?? "") && !/\w/.test(sql[i - 2] ?? "");
      meaningful = true;
      i += 1;
      while (i < sql.length) {
        if (backslashEscapes && sql[i] === "\\") i += 2;
        else if (sql[i] === char && sql[i + 1] === char) i += 2;
        else if (sql[i] === char) break;
        else i += 1;
      }
      i += 1;
    } else if (char === "$" && !/\w/.test(sql[i - 1] ?? "")) {
      const tag = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i))?.[0];
      meaningful = true;
      if (tag) {
        const end = sql.indexOf(tag, i + tag.length);
        i = end === -1 ? sql.length : end + tag.length;
      } else i += 1;
    } else if (char === ";") {
      push(i);
      i += 1;
    } else {
      if (!/\s/.test(char)) meaningful = true;
      i += 1;
    }
  }
  push(sql.length);
  return statements;
}

export async function readMigrationFiles(dir = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex"), transaction: !wantsNoTransaction(sql) };
    }),
  );
}

type AppliedRow = { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null };

/** The error's message, with what a lock timeout means for the person running the migration. */
function failureMessage(error: unknown, lockTimeoutMs: number): string {
  const { message, code } = error as { message: string; code?: string };
  if (code === "55P03") {
    return `${message} (waited ${lockTimeoutMs} ms for a lock another session holds; try again when the database is quieter, or raise MIGRATION_LOCK_TIMEOUT_MS)`;
  }
  return message;
}

export type ApplyMigrationsOptions = {
  dir?: string;
  log?: (line: string) => void;
  /** `lock_timeout` for every migration statement (0 waits forever). Defaults to DEFAULT_LOCK_TIMEOUT_MS. */
  lockTimeoutMs?: number;
};

export async function applyMigrations(databaseUrl: string, options: ApplyMigrationsOptions = {}): Promise<string[]> {
  const log = options.log ?? (() => {});
  const lockTimeoutMs = options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  if (!Number.isSafeInteger(lockTimeoutMs) || lockTimeoutMs < 0) throw new Error(`lockTimeoutMs must be a whole number of milliseconds, not ${lockTimeoutMs}`);
  const migrations = await readMigrationFiles(options.dir);
  // Refused before anything runs: a no-transaction file sends one statement (as `prisma migrate deploy` would).
  for (const migration of migrations) {
    if (migration.transaction) continue;
    const count = splitSqlStatements(migration.sql).length;
    if (count !== 1) {
      throw new Error(
        `Migration ${migration.name} runs outside a transaction, so it must hold exactly one statement (it has ${count}); split it into several migrations.`,
      );
    }
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const applied: string[] = [];
  try {
    // Waiting for another process's migrations is fine; only the migrations' own statements time out.
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
    await client.query(CREATE_BOOKKEEPING_TABLE);
    const { rows } = await client.query<AppliedRow>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`,
    );
    const done = new Map<string, AppliedRow>();
    for (const row of rows) {
      if (row.rolled_back_at) continue;
      if (!row.finished_at) {
        throw new Error(
          `Migration ${row.migration_name} failed earlier and was not resolved; fix the database, then mark it rolled back.`,
        );
      }
      done.set(row.migration_name, row);
    }
    for (const migration of migrations) {
      const previous = done.get(migration.name);
      if (previous) {
        if (previous.checksum !== migration.checksum) {
          throw new Error(`Migration ${migration.name} was changed after it was applied; add a new migration instead.`);
        }
        continue;
      }
      // Set again for each one: a migration may have changed it for itself.
      await client.query(`SET lock_timeout = ${lockTimeoutMs}`);
      const record = () =>
        client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count, started_at)
           VALUES ($1, $2, now(), $3, 1, now())`,
          [randomUUID(), migration.checksum, migration.name],
        );
      if (migration.transaction) {
        await client.query("BEGIN");
        try {
          await client.query(migration.sql);
          await record();
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          throw new Error(`Migration ${migration.name} failed: ${failureMessage(error, lockTimeoutMs)}`, { cause: error });
        }
      } else {
        try {
          await client.query(migration.sql);
        } catch (error) {
          // Nothing is recorded, so the next run tries again. A failed CREATE INDEX CONCURRENTLY leaves an
          // invalid index behind, which the retry would trip over.
          throw new Error(
            `Migration ${migration.name} failed outside a transaction: ${failureMessage(error, lockTimeoutMs)}. ` +
              `If it was CREATE INDEX CONCURRENTLY, drop the invalid index it left (DROP INDEX CONCURRENTLY) before running it again.`,
            { cause: error },
          );
        }
        await record();
      }
      applied.push(migration.name);
      log(`applied migration ${migration.name}${migration.transaction ? "" : " (outside a transaction)"}`);
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_ID]).catch(() => {});
    await client.end();
  }
  return applied;
}
