import { createHash, randomBytes } from "node:crypto";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, inject, test } from "vitest";
import { DEFAULT_LOCK_TIMEOUT_MS, MIGRATIONS_DIR, applyMigrations, readMigrationFiles, splitSqlStatements } from "./migrations";

const adminUrl = inject("adminDatabaseUrl");
const created: string[] = [];
const tempDirs: string[] = [];

async function freshDatabase(): Promise<string> {
  const name = `leadlane_test_migrations_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  await admin.end();
  created.push(name);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

async function tableExists(url: string, table: string): Promise<boolean> {
  const rows = await query<{ exists: boolean }>(url, "SELECT to_regclass($1) IS NOT NULL AS exists", [`public."${table}"`]);
  return rows[0]!.exists;
}

type Bookkeeping = {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
};

function bookkeeping(url: string) {
  return query<Bookkeeping>(
    url,
    `SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count
       FROM "_prisma_migrations" ORDER BY migration_name, started_at`,
  );
}

/** A copy of the real migrations that a test may change. */
async function copiedMigrations(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "leadlane-migrations-"));
  tempDirs.push(dir);
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

async function addMigration(dir: string, name: string, sql: string) {
  await mkdir(path.join(dir, name), { recursive: true });
  await writeFile(path.join(dir, name, "migration.sql"), sql);
}

afterAll(async () => {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  for (const name of created) await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  await admin.end();
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
});

describe("applyMigrations", () => {
  test("on an empty database applies every migration, in order, with Prisma's bookkeeping", async () => {
    const url = await freshDatabase();
    const files = await readMigrationFiles();
    expect(files.length).toBeGreaterThan(0);
    const logged: string[] = [];

    const applied = await applyMigrations(url, { log: (line) => logged.push(line) });

    expect(applied).toEqual(files.map((f) => f.name));
    expect(logged).toEqual(files.map((f) => `applied migration ${f.name}`));
    const rows = await bookkeeping(url);
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const [i, row] of rows.entries()) {
      const sql = await readFile(path.join(MIGRATIONS_DIR, files[i]!.name, "migration.sql"), "utf8");
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
    for (const table of ["User", "Organization", "Membership", "Invitation", "Session", "rate_limit", "SandboxOutbox"]) {
      expect(await tableExists(url, table), table).toBe(true);
    }
  });

  test("a second run applies nothing and changes no bookkeeping", async () => {
    const url = await freshDatabase();
    await applyMigrations(url);
    const before = await bookkeeping(url);
    expect(await applyMigrations(url)).toEqual([]);
    expect(await bookkeeping(url)).toEqual(before);
  });

  test("concurrent runs on one database neither fail nor apply anything twice", async () => {
    const url = await freshDatabase();
    const names = (await readMigrationFiles()).map((f) => f.name);

    const results = await Promise.all([applyMigrations(url), applyMigrations(url), applyMigrations(url)]);

    expect(results.flat().sort()).toEqual([...names].sort());
    expect(results.filter((r) => r.length > 0)).toHaveLength(1);
    const rows = await bookkeeping(url);
    expect(rows.map((r) => r.migration_name)).toEqual(names);
  });

  test("only new migrations are applied on a later run", async () => {
    const url = await freshDatabase();
    const dir = await copiedMigrations();
    await applyMigrations(url, { dir });
    await addMigration(dir, "29990101000000_add_notes", `CREATE TABLE "zz_mtest_note" ("id" SERIAL PRIMARY KEY);`);

    expect(await applyMigrations(url, { dir })).toEqual(["29990101000000_add_notes"]);
    expect(await tableExists(url, "zz_mtest_note")).toBe(true);
  });

  test("a migration changed after it was applied is refused by name", async () => {
    const url = await freshDatabase();
    const dir = await copiedMigrations();
    const [first] = await readMigrationFiles(dir);
    await applyMigrations(url, { dir });
    await writeFile(path.join(dir, first!.name, "migration.sql"), `${first!.sql}\n-- edited later\n`);

    await expect(applyMigrations(url, { dir })).rejects.toThrow(
      `Migration ${first!.name} was changed after it was applied; add a new migration instead.`,
    );
  });

  test("a failing migration rolls back completely and leaves no bookkeeping row; the ones before it stay", async () => {
    const url = await freshDatabase();
    const dir = await copiedMigrations();
    await applyMigrations(url, { dir });
    await addMigration(dir, "29990101000000_good", `CREATE TABLE "zz_mtest_good" ("id" INT);`);
    await addMigration(
      dir,
      "29990102000000_broken",
      `CREATE TABLE "zz_mtest_broken" ("id" INT);\nINSERT INTO "zz_mtest_broken" VALUES (1);\nSELECT 1 / 0;`,
    );

    await expect(applyMigrations(url, { dir })).rejects.toThrow(/^Migration 29990102000000_broken failed: division by zero/);

    expect(await tableExists(url, "zz_mtest_broken")).toBe(false);
    expect(await tableExists(url, "zz_mtest_good")).toBe(true);
    const names = (await bookkeeping(url)).map((r) => r.migration_name);
    expect(names).toContain("29990101000000_good");
    expect(names).not.toContain("29990102000000_broken");

    // Once fixed, the next run applies it.
    await addMigration(dir, "29990102000000_broken", `CREATE TABLE "zz_mtest_broken" ("id" INT);`);
    expect(await applyMigrations(url, { dir })).toEqual(["29990102000000_broken"]);
    expect(await tableExists(url, "zz_mtest_broken")).toBe(true);
  });

  test("a migration left unfinished by another tool stops the run with advice", async () => {
    const url = await freshDatabase();
    await applyMigrations(url);
    await query(
      url,
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`,
      ["00000000-0000-4000-8000-000000000001", "0".repeat(64), "29990101000000_half_done"],
    );
    await expect(applyMigrations(url)).rejects.toThrow(/29990101000000_half_done failed earlier and was not resolved/);
  });

  test("a migration marked rolled back is applied again", async () => {
    const url = await freshDatabase();
    const dir = await copiedMigrations();
    await applyMigrations(url, { dir });
    await addMigration(dir, "29990101000000_retry", `CREATE TABLE "zz_mtest_retry" ("id" INT);`);
    await query(
      url,
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, rolled_back_at)
       VALUES ($1, $2, $3, now(), now())`,
      ["00000000-0000-4000-8000-000000000002", "0".repeat(64), "29990101000000_retry"],
    );
    expect(await applyMigrations(url, { dir })).toEqual(["29990101000000_retry"]);
    expect(await tableExists(url, "zz_mtest_retry")).toBe(true);
  });

  test("after a failure, the migrations before it stay applied and a later run picks up from there", async () => {
    const url = await freshDatabase();
    const dir = await copiedMigrations();
    await addMigration(dir, "29990101000000_broken", `SELECT 1 / 0;`);
    await expect(applyMigrations(url, { dir })).rejects.toThrow(/failed/);
    // Every earlier migration was committed; a run without the broken one finishes at once.
    expect(await applyMigrations(url)).toEqual([]);
  });
});

describe("migrations outside a transaction", () => {
  test("a file whose first line is `-- leadlane:no-transaction` can CREATE INDEX CONCURRENTLY; the index is valid and recorded", async () => {
    const url = await freshDatabase();
    const dir = await copiedMigrations();
    await addMigration(dir, "29990101000000_table", `CREATE TABLE "zz_mtest_big" ("id" INT, "note" TEXT);`);
    await addMigration(
      dir,
      "29990102000000_index",
      `-- leadlane:no-transaction\n-- The table is large and busy: build without blocking writes.\nCREATE INDEX CONCURRENTLY "zz_mtest_big_note_idx" ON "zz_mtest_big" ("note");\n`,
    );
    const logged: string[] = [];

    const applied = await applyMigrations(url, { dir, log: (line) => logged.push(line) });

    expect(applied.slice(-2)).toEqual(["29990101000000_table", "29990102000000_index"]);
    expect(logged.at(-1)).toBe("applied migration 29990102000000_index (outside a transaction)");
    const [index] = await query<{ indisvalid: boolean }>(
      url,
      `SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'zz_mtest_big_note_idx'`,
    );
    expect(index).toEqual({ indisvalid: true });
    const row = (await bookkeeping(url)).find((r) => r.migration_name === "29990102000000_index");
    expect(row).toMatchObject({ applied_steps_count: 1, rolled_back_at: null });
    expect(row!.finished_at).toBeInstanceOf(Date);
    expect(await applyMigrations(url, { dir })).toEqual([]);
  });

  test("without the marker (or with it below the first line) CREATE INDEX CONCURRENTLY is refused by PostgreSQL and nothing is recorded", async () => {
    const url = await freshDatabase();
    const dir = await copiedMigrations();
    await addMigration(dir, "29990101000000_table", `CREATE TABLE "zz_mtest_big" ("id" INT);`);
    await addMigration(dir, "29990102000000_index", `-- an index\n-- leadlane:no-transaction\nCREATE INDEX CONCURRENTLY "zz_mtest_big_id_idx" ON "zz_mtest_big" ("id");`);

    await expect(applyMigrations(url, { dir })).rejects.toThrow(
      "Migration 29990102000000_index failed: CREATE INDEX CONCURRENTLY cannot run inside a transaction block",
    );
    expect((await bookkeeping(url)).map((r) => r.migration_name)).not.toContain("29990102000000_index");
  });

  test("a no-transaction file with more than one statement is refused by name before any migration runs", async () => {
    const url = await freshDatabase();
    const dir = await copiedMigrations();
    await addMigration(dir, "29990101000000_table", `CREATE TABLE "zz_mtest_big" ("id" INT);`);
    await addMigration(
      dir,
      "29990102000000_two",
      `-- leadlane:no-transaction\nCREATE INDEX CONCURRENTLY "a_idx" ON "zz_mtest_big" ("id");\nCREATE INDEX CONCURRENTLY "b_idx" ON "zz_mtest_big" ("id");`,
    );

    await expect(applyMigrations(url, { dir })).rejects.toThrow(
      "Migration 29990102000000_two runs outside a transaction, so it must hold exactly one statement (it has 2); split it into several migrations.",
    );
    expect(await tableExists(url, "_prisma_migrations")).toBe(false);
  });

  test("a failed no-transaction migration records nothing and says what to clean up; once fixed, the next run applies it", async () => {
    const url = await freshDatabase();
    const dir = await copiedMigrations();
    await addMigration(dir, "29990101000000_table", `CREATE TABLE "zz_mtest_dupes" ("id" INT);\nINSERT INTO "zz_mtest_dupes" VALUES (1), (1);`);
    await addMigration(dir, "29990102000000_unique", `-- leadlane:no-transaction\nCREATE UNIQUE INDEX CONCURRENTLY "zz_mtest_dupes_id_key" ON "zz_mtest_dupes" ("id");`);

    await expect(applyMigrations(url, { dir })).rejects.toThrow(
      /^Migration 29990102000000_unique failed outside a transaction: could not create unique index "zz_mtest_dupes_id_key".*drop the invalid index it left \(DROP INDEX CONCURRENTLY\)/,
    );
    expect((await bookkeeping(url)).map((r) => r.migration_name)).toContain("29990101000000_table");
    expect((await bookkeeping(url)).map((r) => r.migration_name)).not.toContain("29990102000000_unique");

    await query(url, `DELETE FROM "zz_mtest_dupes" WHERE ctid <> (SELECT min(ctid) FROM "zz_mtest_dupes")`);
    await query(url, `DROP INDEX CONCURRENTLY "zz_mtest_dupes_id_key"`);
    expect(await applyMigrations(url, { dir })).toEqual(["29990102000000_unique"]);
  });
});

describe("lock_timeout", () => {
  test("every migration runs with a lock_timeout: a few seconds by default, or as configured", async () => {
    expect(DEFAULT_LOCK_TIMEOUT_MS).toBe(5_000);
    const url = await freshDatabase();
    const dir = await copiedMigrations();
    await addMigration(dir, "29990101000000_seen", `CREATE TABLE "zz_mtest_seen" AS SELECT current_setting('lock_timeout') AS "value";`);
    await addMigration(
      dir,
      "29990102000000_seen_outside",
      `-- leadlane:no-transaction\nCREATE TABLE "zz_mtest_seen_outside" AS SELECT current_setting('lock_timeout') AS "value";`,
    );
    await applyMigrations(url, { dir });
    expect(await query(url, `SELECT "value" FROM "zz_mtest_seen"`)).toEqual([{ value: "5s" }]);
    expect(await query(url, `SELECT "value" FROM "zz_mtest_seen_outside"`)).toEqual([{ value: "5s" }]);

    await addMigration(dir, "29990103000000_changes_it", `SET lock_timeout = 0;\nCREATE TABLE "zz_mtest_changed" ("id" INT);`);
    await addMigration(dir, "29990104000000_seen_again", `CREATE TABLE "zz_mtest_seen_again" AS SELECT current_setting('lock_timeout') AS "value";`);
    await applyMigrations(url, { dir, lockTimeoutMs: 1_250 });
    // Set again for each migration: one that changed it for itself doesn't change it for the next.
    expect(await query(url, `SELECT "value" FROM "zz_mtest_seen_again"`)).toEqual([{ value: "1250ms" }]);
  });

  test("a migration waiting for a lock another session holds fails with advice, records nothing, and applies once the lock is gone", async () => {
    const url = await freshDatabase();
    const dir = await copiedMigrations();
    await addMigration(dir, "29990101000000_table", `CREATE TABLE "zz_mtest_busy" ("id" INT);`);
    await applyMigrations(url, { dir });
    await addMigration(dir, "29990102000000_alter", `ALTER TABLE "zz_mtest_busy" ADD COLUMN "note" TEXT;`);

    // A long transaction that has read the table holds a lock ALTER TABLE must wait for.
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query("BEGIN");
      await holder.query(`SELECT * FROM "zz_mtest_busy"`);
      await expect(applyMigrations(url, { dir, lockTimeoutMs: 200 })).rejects.toThrow(
        "Migration 29990102000000_alter failed: canceling statement due to lock timeout (waited 200 ms for a lock another session holds; try again when the database is quieter, or raise MIGRATION_LOCK_TIMEOUT_MS)",
      );
      expect((await bookkeeping(url)).map((r) => r.migration_name)).not.toContain("29990102000000_alter");
    } finally {
      await holder.query("ROLLBACK");
      await holder.end();
    }
    expect(await applyMigrations(url, { dir, lockTimeoutMs: 200 })).toEqual(["29990102000000_alter"]);
  });

  test("waiting for another process's migrations is not subject to the timeout", async () => {
    const url = await freshDatabase();
    const dir = await copiedMigrations();
    // While one run holds the migration lock far longer than the timeout, a second run waits its turn.
    await addMigration(dir, "29990101000000_slow", `SELECT pg_sleep(0.5);`);
    const results = await Promise.all([applyMigrations(url, { dir, lockTimeoutMs: 50 }), applyMigrations(url, { dir, lockTimeoutMs: 50 })]);
    expect(results.flat()).toContain("29990101000000_slow");
    expect(results.filter((r) => r.length > 0)).toHaveLength(1);
  });
});

describe("splitSqlStatements", () => {
  test("splits on semicolons outside strings, identifiers, dollar-quoted bodies and comments", () => {
    const sql = [
      "-- leadlane:no-transaction",
      `CREATE TABLE "semi;colon" ("a" TEXT DEFAULT 'it''s; fine', "b" TEXT DEFAULT E'back\\'slash;');`,
      "/* a block; /* nested; */ comment */",
      "CREATE FUNCTION f() RETURNS int AS $body$ BEGIN RETURN 1; END $body$ LANGUAGE plpgsql;",
      "DO $$ BEGIN PERFORM 1; END $$;",
      "-- trailing comment; with a semicolon",
      "",
    ].join("\n");
    const statements = splitSqlStatements(sql);
    expect(statements).toHaveLength(3);
    expect(statements[0]).toContain(`"semi;colon"`);
    expect(statements[0]).toContain(`E'back\\'slash;'`);
    expect(statements[1]).toMatch(/^\/\* a block.*\$body\$ LANGUAGE plpgsql$/s);
    expect(statements[2]).toBe("DO $$ BEGIN PERFORM 1; END $$");
  });

  test("comments and blank space alone are no statement; a last statement may omit its semicolon", () => {
    expect(splitSqlStatements("-- only a comment\n/* and another */\n ;\n")).toEqual([]);
    expect(splitSqlStatements("SELECT 1")).toEqual(["SELECT 1"]);
  });

  test("every real migration splits into at least one statement", async () => {
    for (const migration of await readMigrationFiles()) expect(splitSqlStatements(migration.sql).length, migration.name).toBeGreaterThan(0);
  });
});
