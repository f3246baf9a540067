// Runs one CSV export in its own process, so its peak RSS is the export's
// alone. Started by bench/benchmarks/leads-export.ts:
//   node --import tsx bench/lib/export-child.ts '<json: {mode, databaseUrl, organizationId, userId}>'
// Prints one JSON line: rows, lines, bytes, ms, peak RSS (sampled and maxRSS).
import { exportViaApp, exportViaPgCursor, type ExportMode } from "./export-runners";
import { CsvCountingSink } from "./csv-sink";
import { RssSampler } from "./measure";

type Args = { mode: ExportMode; databaseUrl: string; organizationId: string; userId: string };

async function main() {
  const args = JSON.parse(process.argv[2] ?? "{}") as Args;
  process.env.DATABASE_URL = args.databaseUrl;
  const baselineRss = process.memoryUsage.rss();
  const sink = new CsvCountingSink();
  const rss = new RssSampler(10).start();
  const t0 = performance.now();
  const rows =
    args.mode === "app"
      ? await exportViaApp(args.databaseUrl, { organizationId: args.organizationId, userId: args.userId }, sink)
      : await exportViaPgCursor(args.databaseUrl, args.organizationId, sink);
  const ms = performance.now() - t0;
  const peakRssBytes = rss.stop();
  const result = {
    mode: args.mode,
    rows,
    lines: sink.lines,
    bytes: sink.bytes,
    ms,
    peakRssBytes,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    startRssBytes: baselineRss,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
