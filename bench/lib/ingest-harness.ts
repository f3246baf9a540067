// What the webhook ingest benchmarks (messages-ingest, payments-webhooks) share: production's process
// layout (the web process, bench/lib/webhook-web.ts, and a worker process, scripts/worker.ts, beside the
// posting client), the CPU time those processes use, and the baseline of plain single-row INSERTs on
// the same PostgreSQL in the same run.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchContext } from "./benchmark";
import { summarize, type Stats } from "./measure";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export type ChildOptions = {
  /** Extra options for node itself (`--cpu-prof`, `--cpu-prof-dir=…`). */
  nodeOptions?: string[];
  /** Extra environment on top of this process's. */
  env?: Record<string, string>;
};

/**
 * What a child needs to write a CPU profile when `BENCH_CPU_PROF` names it (a comma-separated list such
 * as `web,worker`): `.cpuprofile` files in bench/results/profiles/<name>-<stamp>/, written when it stops.
 */
export function cpuProfileOptions(name: string, stamp: string): ChildOptions {
  const profiled = new Set((process.env.BENCH_CPU_PROF ?? "").split(",").map((entry) => entry.trim()));
  return profiled.has(name) ? { nodeOptions: ["--cpu-prof", `--cpu-prof-dir=${REPO_ROOT}/bench/results/profiles/${name}-${stamp}`] } : {};
}

/** A stamp for this run's profile folders. */
export function profileStamp(): string {
  return new Date().toISOString().replace(/[:.]/g, "-");
}

/** The web process (bench/lib/webhook-web.ts); resolves with it and its port once it listens. */
export function startWebProcess(databaseUrl: string, log: (line: string) => void, options: ChildOptions = {}): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [...(options.nodeOptions ?? []), "--import", "tsx", "bench/lib/webhook-web.ts"], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...options.env, DATABASE_URL: databaseUrl },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stderr?.on("data", (chunk: Buffer) => log(`web: ${chunk.toString().trim()}`));
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening (\d+)/.exec(output);
      if (match) {
        child.stdout?.off("data", onData);
        child.stdout?.on("data", (more: Buffer) => log(`web: ${more.toString().trim()}`));
        resolve({ child, port: Number(match[1]) });
      }
    };
    child.stdout?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`the web process exited (${code}) before it listened`)));
  });
}

/** A worker process (`npm run worker`) running `concurrency` jobs at once, with a pool to match. */
export function startWorkerProcess(databaseUrl: string, log: (line: string) => void, { concurrency, ...options }: ChildOptions & { concurrency: number }): ChildProcess {
  const child = spawn(process.execPath, [...(options.nodeOptions ?? []), "--import", "tsx", "scripts/worker.ts"], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...options.env, DATABASE_URL: databaseUrl, WORKER_CONCURRENCY: String(concurrency) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => log(`worker: ${chunk.toString().trim()}`));
  child.stderr?.on("data", (chunk: Buffer) => log(`worker: ${chunk.toString().trim()}`));
  return child;
}

/** Waits until a worker started at or after `since` has written its heartbeat. */
export async function waitForWorker(context: BenchContext, since: Date): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const { rows } = await context.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "WorkerHeartbeat" WHERE "startedAt" >= $1`, [since]);
    if (rows[0]!.n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("the worker did not start within 60 s");
}

/** SIGTERM, then waits for the exit (both processes stop cleanly on it, writing a CPU profile if asked). */
export function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

const CLOCK_TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far, from /proc; null where there is no /proc. */
export function processCpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** The whole machine's busy and total CPU time so far (every core), from /proc/stat; null without it. */
export function machineCpuSeconds(): { busy: number; total: number } | null {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n")[0]!;
    const values = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (values[3] ?? 0) + (values[4] ?? 0);
    const total = values.slice(0, 8).reduce((sum, value) => sum + value, 0);
    return { busy: (total - idle) / CLOCK_TICKS_PER_SECOND, total: total / CLOCK_TICKS_PER_SECOND };
  } catch {
    return null;
  }
}

/** CPU seconds used so far by every process on the machine, by pid (command name and seconds); empty without /proc. */
export function everyProcessCpuSeconds(): Map<number, { command: string; seconds: number }> {
  const found = new Map<number, { command: string; seconds: number }>();
  let pids: string[] = [];
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return found;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const command = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      found.set(Number(pid), { command, seconds: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND });
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

/**
 * Who used the CPU between two snapshots, in CPU seconds by command name (the processes named in
 * `ours` under their own label), busiest first: a run on a shared machine says what else was running.
 */
export function cpuUsersBetween(
  before: Map<number, { command: string; seconds: number }>,
  after: Map<number, { command: string; seconds: number }>,
  ours: Record<string, number | undefined>,
): Array<{ name: string; seconds: number }> {
  const label = new Map(Object.entries(ours).flatMap(([name, pid]) => (pid === undefined ? [] : [[pid, name] as const])));
  const totals = new Map<string, number>();
  for (const [pid, now] of after) {
    const used = now.seconds - (before.get(pid)?.seconds ?? 0);
    if (used <= 0) continue;
    const name = label.get(pid) ?? now.command;
    totals.set(name, (totals.get(name) ?? 0) + used);
  }
  return [...totals.entries()].map(([name, seconds]) => ({ name, seconds })).sort((a, b) => b.seconds - a.seconds);
}

export type RawInsertBaseline = {
  /** Rows a second with every connection of the pool inserting as fast as it can. */
  ratePerSecond: number;
  /** Each INSERT's own time at that pace. */
  latency: Stats;
};

/**
 * Single-row autocommit INSERTs of `payload` into a throwaway table, with as many connections as the
 * app's pool, for `seconds`: what this PostgreSQL does raw, durably, on this machine right now.
 */
export async function rawInsertBaseline(context: BenchContext, { seconds, payload }: { seconds: number; payload: string }): Promise<RawInsertBaseline> {
  await context.pool.query(`CREATE TABLE IF NOT EXISTS bench_insert_probe (id bigserial PRIMARY KEY, sid text NOT NULL UNIQUE, payload jsonb NOT NULL, at timestamptz NOT NULL DEFAULT now())`);
  const until = Date.now() + seconds * 1000;
  const samples: number[] = [];
  await Promise.all(
    Array.from({ length: context.poolSize }, async () => {
      while (Date.now() < until) {
        const t0 = performance.now();
        await context.pool.query(`INSERT INTO bench_insert_probe (sid, payload) VALUES ($1, $2)`, [randomBytes(16).toString("hex"), payload]);
        samples.push(performance.now() - t0);
      }
    }),
  );
  await context.pool.query(`DROP TABLE bench_insert_probe`);
  return { ratePerSecond: samples.length / seconds, latency: summarize(samples) };
}

/**
 * The same INSERTs offered at a steady `ratePerSecond` for `seconds` (insert i is due at start + i/rate,
 * whether or not earlier ones are done; the pool queues what its connections cannot take yet). Each
 * one's time is counted from when it was due, as a webhook's answer is.
 */
export async function rawInsertsAtRate(context: BenchContext, { seconds, ratePerSecond, payload }: { seconds: number; ratePerSecond: number; payload: string }): Promise<Stats> {
  await context.pool.query(`CREATE TABLE IF NOT EXISTS bench_insert_probe (id bigserial PRIMARY KEY, sid text NOT NULL UNIQUE, payload jsonb NOT NULL, at timestamptz NOT NULL DEFAULT now())`);
  const total = Math.round(seconds * ratePerSecond);
  const samples: number[] = [];
  const inserts: Array<Promise<void>> = [];
  const start = performance.now() + 20;
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - start) * ratePerSecond) / 1000) + 1);
      while (next < due) {
        const scheduled = start + (next * 1000) / ratePerSecond;
        next += 1;
        inserts.push(
          context.pool.query(`INSERT INTO bench_insert_probe (sid, payload) VALUES ($1, $2)`, [randomBytes(16).toString("hex"), payload]).then(() => {
            samples.push(performance.now() - scheduled);
          }),
        );
      }
      if (next >= total) resolve();
      else setTimeout(tick, Math.max(0, start + (next * 1000) / ratePerSecond - performance.now()));
    };
    setTimeout(tick, 20);
  });
  await Promise.all(inserts);
  await context.pool.query(`DROP TABLE bench_insert_probe`);
  return summarize(samples);
}
