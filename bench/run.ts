// `npm run bench -- <name> [options]`: runs one benchmark against generated
// data in a dedicated database, prints a table and writes bench/results/*.json.
// See bench/README.md.
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
import { createPrismaClient } from "../app/utils/db.server";
import { getEnv } from "../app/utils/env.server";
import { createDatabaseIfMissing, startEmbeddedPostgres, type DatabaseHandle } from "../scripts/lib/database";
import { applyMigrations } from "../scripts/lib/migrations";
import { benchmarks } from "./benchmarks/index";
import { describe, ensureDataset, ensureInbox, readDataset, restoreDeferredIndexes, type DatasetParams } from "./generate";
import { formatBytes, renderTable } from "./lib/measure";

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(BENCH_DIR, "..");
const RESULTS_DIR = path.join(BENCH_DIR, "results");
const EMBEDDED_DATA_DIR = path.join(REPO_ROOT, ".data/bench-postgres");
const BENCH_DATABASE = "leadlane_bench";
const POOL_SIZE = 10; // the app's createPrismaClient default
const DEFAULT_CONTACTS = 100_000;
const DEFAULT_OTHER_ORGS = 4;
const DEFAULT_CONTACTS_PER_OTHER_ORG = 1_000;

const USAGE = `Usage: npm run bench -- <name> [options]
       npm run bench -- --list

Options:
  --contacts N                 contacts in the main organization (default: the benchmark's, else ${DEFAULT_CONTACTS.toLocaleString("en-US")})
  --orgs K                     other organizations (default ${DEFAULT_OTHER_ORGS})
  --contacts-per-other-org M   contacts in each other organization (default ${DEFAULT_CONTACTS_PER_OTHER_ORG.toLocaleString("en-US")})
  --conversations C            conversations in the main organization (default: the benchmark's, else none)
  --messages M                 messages in the main organization (default: the benchmark's)
  --iterations I               timed iterations (default: the benchmark's)
  --seconds S                  how long a benchmark that runs for a time runs (default: the benchmark's)
  --reuse                      use the data already in the bench database, whatever its size
  --fresh                      regenerate the data even if the requested size is present
  --list                       list benchmarks

Numbers may use _ or , separators, or k/m suffixes: --contacts 1m, --contacts 1_000_000.
Uses DATABASE_URL's server (database ${BENCH_DATABASE}) when set, else an embedded server in .data/bench-postgres.`;

function log(line: string) {
  console.log(`[bench] ${line}`);
}

function count(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(value.replace(/[_,]/g, ""));
  const scale = { "": 1, k: 1_000, m: 1_000_000 }[(match?.[2] ?? "").toLowerCase()] ?? 1;
  const parsed = match ? Number(match[1]) * scale : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed < 0) {
    console.error(`--${name} must be a whole number, got "${value}"`);
    process.exit(2);
  }
  return parsed;
}

async function listBenchmarks() {
  const width = Math.max(...Object.keys(benchmarks).map((name) => name.length));
  console.log("Benchmarks:");
  for (const [name, load] of Object.entries(benchmarks)) {
    const description = await load().then(
      (benchmark) => benchmark.description,
      (error: unknown) => `(does not load: ${error instanceof Error ? error.message : String(error)})`,
    );
    console.log(`  ${name.padEnd(width)}  ${description}`);
  }
}

async function startBenchDatabase(): Promise<DatabaseHandle & { where: string }> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    await createDatabaseIfMissing(serverUrl, BENCH_DATABASE);
    const url = new URL(serverUrl);
    url.pathname = `/${BENCH_DATABASE}`;
    return { url: url.toString(), embedded: false, stop: async () => {}, where: `${url.host}/${BENCH_DATABASE}` };
  }
  const lines: string[] = [];
  try {
    const handle = await startEmbeddedPostgres({
      dataDir: EMBEDDED_DATA_DIR,
      database: BENCH_DATABASE,
      log: (line) => lines.push(line),
    });
    return { ...handle, where: `embedded (${path.relative(REPO_ROOT, EMBEDDED_DATA_DIR)})` };
  } catch (error) {
    console.error(lines.slice(-30).join("\n"));
    throw error;
  }
}

async function serverInfo(pool: pg.Pool) {
  const { rows } = await pool.query<{ version: string }>("SELECT version()");
  const settings = await pool.query<{ name: string; setting: string }>(
    `SELECT name, current_setting(name) AS setting FROM pg_settings
     WHERE name IN ('server_version', 'shared_buffers', 'work_mem', 'effective_cache_size', 'maintenance_work_mem',
                    'max_parallel_workers_per_gather', 'jit', 'fsync', 'synchronous_commit', 'random_page_cost')`,
  );
  return {
    version: rows[0]!.version,
    settings: Object.fromEntries(settings.rows.map((row) => [row.name, row.setting])),
  };
}

function machineInfo() {
  const cpus = os.cpus();
  return {
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? "unknown",
    availableParallelism: os.availableParallelism(),
    totalMemoryBytes: os.totalmem(),
    loadAverage: os.loadavg(),
    node: process.version,
  };
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      contacts: { type: "string" },
      orgs: { type: "string" },
      "contacts-per-other-org": { type: "string" },
      iterations: { type: "string" },
      conversations: { type: "string" },
      messages: { type: "string" },
      seconds: { type: "string" },
      reuse: { type: "boolean", default: false },
      fresh: { type: "boolean", default: false },
      list: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (values.list) {
    await listBenchmarks();
    return;
  }
  const name = positionals[0];
  if (!name || positionals.length > 1) {
    console.error(USAGE);
    process.exit(2);
  }
  const load = benchmarks[name];
  if (!load) {
    console.error(`Unknown benchmark "${name}".`);
    await listBenchmarks();
    process.exit(2);
  }
  const benchmark = await load();
  if (benchmark.name !== name) throw new Error(`bench/benchmarks/index.ts maps "${name}" to "${benchmark.name}"`);
  if (values.reuse && values.fresh) {
    console.error("--reuse and --fresh contradict each other.");
    process.exit(2);
  }
  const requested: DatasetParams = {
    contacts: count("contacts", values.contacts, benchmark.defaultContacts ?? DEFAULT_CONTACTS),
    orgs: count("orgs", values.orgs, DEFAULT_OTHER_ORGS),
    contactsPerOtherOrg: count("contacts-per-other-org", values["contacts-per-other-org"], DEFAULT_CONTACTS_PER_OTHER_ORG),
    conversations: count("conversations", values.conversations, benchmark.defaultConversations ?? 0),
    messages: count("messages", values.messages, benchmark.defaultMessages ?? 0),
  };
  if ((requested.conversations ?? 0) > 0 && (requested.messages ?? 0) < (requested.conversations ?? 0)) {
    console.error("--messages must be at least --conversations (every conversation has a message)");
    process.exit(2);
  }
  const iterations = count("iterations", values.iterations, benchmark.defaultIterations);
  if (iterations < 1) {
    console.error("--iterations must be at least 1");
    process.exit(2);
  }

  const seconds = values.seconds === undefined ? undefined : count("seconds", values.seconds, 0);
  if (seconds !== undefined && seconds < 1) {
    console.error("--seconds must be at least 1");
    process.exit(2);
  }

  const startedAt = new Date();
  const machine = machineInfo();
  const database = await startBenchDatabase();
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await database.stop();
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      console.error(`[bench] ${signal}: stopping`);
      void stop().finally(() => process.exit(130));
    });
  }

  // App code that reads DATABASE_URL itself (the process-wide Prisma client) must see the bench database.
  process.env.DATABASE_URL = database.url;
  if (getEnv().DATABASE_URL !== database.url) throw new Error("the app read DATABASE_URL before the bench database was chosen");

  const db = createPrismaClient(database.url, POOL_SIZE);
  const pool = new pg.Pool({ connectionString: database.url, max: POOL_SIZE });
  // pool.end() resolves before its sockets close; the server shutting down must not crash the process.
  pool.on("error", (error) => {
    if (!stopping) console.error(`[bench] idle connection error: ${error.message}`);
  });
  try {
    log(`database: ${database.where}`);
    // A generation that crashed may have left secondary indexes dropped; migrations expect them.
    await restoreDeferredIndexes(pool, { log });
    await applyMigrations(database.url, { log });
    const postgres = await serverInfo(pool);
    const stored = await readDataset(pool);
    if (stored && benchmark.removeLeftovers) {
      const removed = await benchmark.removeLeftovers({ databaseUrl: database.url, pool, dataset: stored });
      if (removed) log(`removed what a crashed ${benchmark.name} run left: ${removed}`);
    }
    const contacts = await ensureDataset({
      db,
      pool,
      params: requested,
      fresh: values.fresh,
      reuse: values.reuse,
      log,
    });
    const generated = contacts.generated;
    const { dataset, generated: inboxGenerated } = await ensureInbox({ pool, dataset: contacts.dataset, params: requested, reuse: values.reuse, log });
    log(`dataset: ${describe(dataset.params)}; ${dataset.counts.ContactTag?.toLocaleString("en-US")} contact tags, ${dataset.counts.Session?.toLocaleString("en-US")} sessions`);
    log(`running ${benchmark.name} (${iterations} iterations; ${machine.cpus} CPUs, load ${machine.loadAverage.map((n) => n.toFixed(2)).join(" ")})`);

    const outcome = await benchmark.run({
      databaseUrl: database.url,
      db,
      pool,
      poolSize: POOL_SIZE,
      dataset,
      iterations,
      seconds,
      log,
    });

    const finishedAt = new Date();
    console.log("");
    console.log(`${benchmark.name} — ${describe(dataset.params)}, ${iterations} iterations, ${postgres.settings.server_version ? `PostgreSQL ${postgres.settings.server_version}` : postgres.version}, Node ${process.version}`);
    console.log("");
    console.log(renderTable(outcome.figures));
    console.log("");
    console.log("ratio = value ÷ baseline, both measured in this run (for times, above 1 is slower; for rates, below 1 is).");
    const baselines = [...new Set(outcome.figures.map((f) => f.baselineLabel).filter(Boolean))];
    if (baselines.length) console.log(`baseline: ${baselines.join("; ")}`);
    if (generated) {
      const t = dataset.timings;
      console.log(
        `data generated this run: ${(t.contactsMs / 1000).toFixed(1)} s for contacts+tags ` +
          `(${Math.round(t.contactsPerSec).toLocaleString("en-US")} contacts/s: insert ${(t.insertMs / 1000).toFixed(1)} s, ` +
          `index build ${(t.indexBuildMs / 1000).toFixed(1)} s), ` +
          `${(t.totalMs / 1000).toFixed(1)} s in all`,
      );
    }
    if (inboxGenerated && dataset.inbox) {
      const t = dataset.inbox.timings;
      console.log(
        `inbox data generated this run: ${dataset.inbox.counts.Conversation?.toLocaleString("en-US")} conversations, ` +
          `${dataset.inbox.counts.Message?.toLocaleString("en-US")} messages in ${(t.totalMs / 1000).toFixed(1)} s ` +
          `(conversations ${(t.conversationsMs / 1000).toFixed(1)} s, messages ${(t.messagesMs / 1000).toFixed(1)} s, ` +
          `index build ${(t.indexBuildMs / 1000).toFixed(1)} s, vacuum/analyze ${(t.vacuumAnalyzeMs / 1000).toFixed(1)} s)`,
      );
    }

    await mkdir(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, `${benchmark.name}-${startedAt.toISOString().replace(/[:.]/g, "-")}.json`);
    const result = {
      benchmark: benchmark.name,
      description: benchmark.description,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - startedAt.getTime(),
      machine: { ...machine, peakRss: formatBytes(process.resourceUsage().maxRSS * 1024) },
      postgres: { ...postgres, database: database.embedded ? "embedded" : "DATABASE_URL server", poolSize: POOL_SIZE },
      parameters: {
        requested,
        iterations,
        reuse: values.reuse,
        fresh: values.fresh,
      },
      dataset: { ...dataset, generatedThisRun: generated, inboxGeneratedThisRun: inboxGenerated },
      figures: outcome.figures,
      details: outcome.details ?? {},
    };
    await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`results: ${path.relative(process.cwd(), file)}`);
  } finally {
    await db.$disconnect().catch(() => {});
    await pool.end().catch(() => {});
    await stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
