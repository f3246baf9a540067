// Issue 3, "CSV export of 1,000,000 rows: ≥ 50,000 rows/s, peak memory ≤ 300 MB".
//
// exportContactsCsv (app/services/contact-export.server.ts) for every contact
// of the main organization (empty filter), written to a Writable that counts
// bytes and CSV records (line feeds outside quotes) — the count must be the
// organization's contacts plus the header. Run three ways:
//   1. in this process, sampling RSS (includes the bench's Prisma client etc.);
//   2. in a child process, so the peak RSS is the export's alone;
//   3. the baseline, in a child process too: a plain `pg` cursor
//      (DECLARE … FETCH 10000) over the same columns with a simple join,
//      joined into CSV lines in JavaScript.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Benchmark, BenchContext } from "../lib/benchmark";
import { CsvCountingSink } from "../lib/csv-sink";
import { exportViaApp, baselineSql, type ExportMode } from "../lib/export-runners";
import { explain } from "../lib/leads";
import { figure, timeOnce, withTarget, type Figure } from "../lib/measure";

const TARGET_ROWS_PER_SEC = 50_000;
const TARGET_PEAK_MIB = 300;
const MIB = 2 ** 20;
const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), "../lib/export-child.ts");

type ChildResult = {
  mode: ExportMode;
  rows: number;
  lines: number;
  bytes: number;
  ms: number;
  peakRssBytes: number;
  maxRssBytes: number;
  startRssBytes: number;
};

function runChild(context: BenchContext, mode: ExportMode): Promise<ChildResult> {
  const org = context.dataset.main;
  const args = JSON.stringify({ mode, databaseUrl: context.databaseUrl, organizationId: org.id, userId: org.ownerUserId });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CHILD, args], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const line = out.trim().split("\n").pop() ?? "";
      if (code !== 0 || !line.startsWith("{")) reject(new Error(`export child (${mode}) exited ${code}: ${err.slice(-2000)}`));
      else resolve(JSON.parse(line) as ChildResult);
    });
  });
}

function check(label: string, expected: number, rows: number, lines: number) {
  if (rows !== expected) throw new Error(`${label}: reported ${rows} rows, the organization has ${expected}`);
  if (lines !== expected + 1) throw new Error(`${label}: the CSV holds ${lines - 1} records after the header, expected ${expected}`);
}

export async function runLeadsExport(context: BenchContext) {
  const { log } = context;
  const org = context.dataset.main;
  const expected = org.contacts;

  log(`export: in-process run of exportContactsCsv (${expected.toLocaleString("en-US")} contacts)`);
  const sink = new CsvCountingSink();
  const inProcess = await timeOnce(
    () => exportViaApp(context.databaseUrl, { organizationId: org.id, userId: org.ownerUserId }, sink),
    (rows) => rows,
  );
  check("exportContactsCsv (in process)", expected, inProcess.result, sink.lines);
  log(`export in process: ${(inProcess.ms / 1000).toFixed(1)} s, ${Math.round(inProcess.rowsPerSec ?? 0)} rows/s, peak RSS ${(inProcess.peakRssBytes / MIB).toFixed(0)} MiB`);

  log("export: child processes (app, then the pg cursor baseline)");
  const app = await runChild(context, "app");
  check("exportContactsCsv (child)", expected, app.rows, app.lines);
  log(`export child app: ${(app.ms / 1000).toFixed(1)} s, peak RSS ${(app.peakRssBytes / MIB).toFixed(0)} MiB (maxRSS ${(app.maxRssBytes / MIB).toFixed(0)} MiB)`);
  const baseline = await runChild(context, "pg");
  check("pg cursor (child)", expected, baseline.rows, baseline.lines);
  log(`export child pg: ${(baseline.ms / 1000).toFixed(1)} s, peak RSS ${(baseline.peakRssBytes / MIB).toFixed(0)} MiB`);

  const rate = (result: { rows: number; ms: number }) => (result.rows * 1000) / result.ms;
  const label = "pg cursor, FETCH 10000, same columns (child process)";
  const figures: Figure[] = [
    withTarget(figure("export 1M rows (child) rows/s", rate(app), "rows/s", rate(baseline), label), "atLeast", TARGET_ROWS_PER_SEC),
    figure("export (child) time", app.ms / 1000, "s", baseline.ms / 1000, label),
    withTarget(figure("export (child) peak RSS", Math.max(app.peakRssBytes, app.maxRssBytes) / MIB, "MiB", Math.max(baseline.peakRssBytes, baseline.maxRssBytes) / MIB, label), "atMost", TARGET_PEAK_MIB),
    figure("export (child) RSS at start", app.startRssBytes / MIB, "MiB", baseline.startRssBytes / MIB, label),
    figure("export output size", app.bytes / MIB, "MiB", baseline.bytes / MIB, label),
    figure("export CSV records (after header)", app.lines - 1, "rows", baseline.lines - 1, label),
    withTarget(figure("export in bench process rows/s", inProcess.rowsPerSec ?? Number.NaN, "rows/s", rate(baseline), label), "atLeast", TARGET_ROWS_PER_SEC),
    figure("export in bench process peak RSS (whole bench)", inProcess.peakRssBytes / MIB, "MiB"),
  ];
  return {
    figures,
    details: {
      expectedRows: expected,
      inProcess: { ms: inProcess.ms, rows: inProcess.result, bytes: sink.bytes, lines: sink.lines, peakRssBytes: inProcess.peakRssBytes },
      childApp: app,
      childBaseline: baseline,
      sql: { baseline: baselineSql(org.id).trim() },
      plans: { baseline: await explain(context, `${baselineSql(org.id)} LIMIT 1000`, []) },
    },
  };
}

export const leadsExport: Benchmark = {
  name: "leads-export",
  description: "exportContactsCsv of the whole main organization (rows/s, peak RSS in a child process) vs a plain pg cursor",
  defaultIterations: 1,
  defaultContacts: 1_000_000,
  run: runLeadsExport,
};
