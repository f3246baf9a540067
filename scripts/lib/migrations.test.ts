import { createHash, randomBytes } from "node:crypto";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, inject, test } from "vitest";
import { MIGRATIONS_DIR, applyMigrations, readMigrationFiles } from "./migrations";

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
