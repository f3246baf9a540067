// Finds the PostgreSQL server the app should use: the one named by
// DATABASE_URL, or an embedded server whose data lives in a git-ignored folder.
import { createHash } from "node:crypto";
import { chown, lstat, mkdir, readFile, readlink, rm, symlink } from "node:fs/promises";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import {
  bundledServerDir,
  canReach,
  firstBlockedFolder,
  initialiseCluster,
  postgresSystemUser,
  reachableServerCopy,
  startServer,
  type RunAs,
  type RunningServer,
} from "./embedded-postgres";

export type DatabaseHandle = {
  url: string;
  embedded: boolean;
  /** The embedded server's data folder (after any move, see REACHABLE_DATA_ROOT). */
  dataDir?: string;
  stop: () => Promise<void>;
};

const EMBEDDED_USER = "leadlane";
const EMBEDDED_PASSWORD = "leadlane";

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      if (address && typeof address === "object") {
        const { port } = address;
        server.close(() => resolve(port));
      } else {
        reject(new Error("could not find a free port"));
      }
    });
  });
}

/** A database that cannot start, told in one line that says what to do. */
export class DatabaseStartError extends Error {}

/** Removes a stale postmaster.pid left by a crash, so the next start can proceed. */
async function clearStalePidFile(dataDir: string) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, "utf8")).split("\n")[0]);
  if (Number.isInteger(pid) && pid > 0) {
    try {
      process.kill(pid, 0);
      throw new DatabaseStartError(
        `The embedded PostgreSQL in ${dataDir} is already running (pid ${pid}). Stop the other process or set DATABASE_URL.`,
      );
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
    }
  }
  await rm(pidFile, { force: true });
}

/**
 * As root the server runs as the "postgres" system user. When that user cannot
 * enter the project folder (a clone in root's home, a `mktemp -d` folder), the
 * data lives under this folder instead, linked from where it was asked for.
 */
export const REACHABLE_DATA_ROOT = "/var/lib/leadlane";

type Placement = { dataDir: string; serverDir: string; runAs: RunAs };

async function reachableDataDir(
  requested: string,
  runAs: NonNullable<RunAs>,
  reachableRoot: string,
  notice: (line: string) => void,
): Promise<string> {
  await mkdir(path.dirname(requested), { recursive: true });
  const existing = await lstat(requested).catch(() => null);
  // Moved on an earlier start.
  if (existing?.isSymbolicLink()) return path.resolve(path.dirname(requested), await readlink(requested));
  if (canReach(runAs, path.dirname(requested))) return requested;
  const blocked = await firstBlockedFolder(runAs, path.dirname(requested));
  const where = blocked ? `${blocked.folder} (mode ${blocked.mode})` : path.dirname(requested);
  if (existsSync(path.join(requested, "PG_VERSION"))) {
    throw new DatabaseStartError(
      `The postgres user that runs the embedded database cannot enter ${where}, where its data is (${requested}). ` +
        `Let it through (chmod o+x ${blocked?.folder ?? path.dirname(requested)}) or set DATABASE_URL.`,
    );
  }
  await mkdir(reachableRoot, { recursive: true });
  if (!canReach(runAs, reachableRoot)) {
    throw new DatabaseStartError(
      `The postgres user that runs the embedded database cannot enter ${where} nor ${reachableRoot}. ` +
        "Set LEADLANE_DATA_DIR to a folder it can reach, or set DATABASE_URL.",
    );
  }
  const moved = path.join(reachableRoot, `${path.basename(requested)}-${createHash("sha256").update(requested).digest("hex").slice(0, 8)}`);
  // No link means no data: whatever an earlier link pointed at is stale (the folder was deleted to start afresh).
  await rm(moved, { recursive: true, force: true });
  await rm(requested, { recursive: true, force: true });
  await mkdir(moved, { recursive: true });
  await symlink(moved, requested);
  notice(`[db] The postgres user cannot enter ${where}, so the embedded database keeps its data in ${moved} (linked from ${requested}).`);
  return moved;
}

/** Where the server's data and binaries go so that the user it runs as can reach both. */
async function placeServer(
  requested: string,
  options: { serverDir: string; reachableRoot: string; notice: (line: string) => void },
): Promise<Placement> {
  if (process.getuid?.() !== 0) return { dataDir: requested, serverDir: options.serverDir, runAs: null };
  // PostgreSQL refuses to run as root.
  const runAs = postgresSystemUser();
  const dataDir = await reachableDataDir(requested, runAs, options.reachableRoot, options.notice);
  const serverDir = canReach(runAs, path.join(options.serverDir, "bin", "postgres"))
    ? options.serverDir
    : await reachableServerCopy(options.serverDir, path.dirname(dataDir));
  return { dataDir, serverDir, runAs };
}

/** The settings the embedded server starts with: durable unless the data is a test's to throw away. */
export function serverFlags({ throwaway }: { throwaway: boolean }): string[] {
  const flags = ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"];
  return throwaway ? [...flags, "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : flags;
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  database: string;
  log?: (line: string) => void;
  /** Where the binaries are (default: the bundled ones in node_modules). */
  serverDir?: string;
  /** Default REACHABLE_DATA_ROOT. */
  reachableRoot?: string;
  notice?: (line: string) => void;
  /**
   * A database whose contents may be lost on a crash (the test suites'):
   * fsync off. Everything else (dev, start, benchmarks) runs on PostgreSQL's
   * durable defaults.
   */
  throwaway?: boolean;
}): Promise<DatabaseHandle> {
  const placement = await placeServer(path.resolve(options.dataDir), {
    serverDir: options.serverDir ?? (await bundledServerDir()),
    reachableRoot: options.reachableRoot ?? REACHABLE_DATA_ROOT,
    notice: options.notice ?? ((line) => console.log(line)),
  });
  const { dataDir, serverDir, runAs } = placement;
  const fresh = !existsSync(path.join(dataDir, "PG_VERSION"));
  await mkdir(path.dirname(dataDir), { recursive: true });
  if (fresh) {
    await rm(dataDir, { recursive: true, force: true });
    await mkdir(dataDir, { recursive: true });
    if (runAs) await chown(dataDir, runAs.uid, runAs.gid);
  } else {
    await clearStalePidFile(dataDir);
  }
  const port = await findFreePort();
  let server: RunningServer;
  try {
    if (fresh) {
      await initialiseCluster({ serverDir, dataDir, user: EMBEDDED_USER, password: EMBEDDED_PASSWORD, runAs, log: options.log });
    }
    server = await startServer({
      serverDir,
      dataDir,
      port,
      runAs,
      flags: serverFlags({ throwaway: options.throwaway ?? false }),
      log: options.log,
    });
  } catch (error) {
    throw new DatabaseStartError(`The embedded PostgreSQL in ${dataDir} could not start: ${(error as Error).message}`);
  }
  const adminUrl = `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/postgres`;
  try {
    await createDatabaseIfMissing(adminUrl, options.database);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    url: `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${options.database}`,
    embedded: true,
    dataDir,
    stop: server.stop,
  };
}

export async function createDatabaseIfMissing(adminUrl: string, database: string, template?: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) {
      const templateClause = template ? ` TEMPLATE ${pg.escapeIdentifier(template)}` : "";
      await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}${templateClause}`);
    }
  } finally {
    await client.end();
  }
}

/** DATABASE_URL when set; otherwise an embedded server under `dataDir`. */
export async function ensureDatabase(options: {
  dataDir: string;
  database?: string;
  log?: (line: string) => void;
  throwaway?: boolean;
}): Promise<DatabaseHandle> {
  const url = process.env.DATABASE_URL;
  if (url) return { url, embedded: false, stop: async () => {} };
  return startEmbeddedPostgres({
    dataDir: options.dataDir,
    database: options.database ?? "leadlane",
    log: options.log,
    throwaway: options.throwaway,
  });
}
