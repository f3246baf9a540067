// Timing helpers for benchmarks: warmup, N timed iterations, percentiles,
// throughput, peak RSS, and ratios against a baseline measured in the same run.
// Benchmarks report figures; they never assert on them.

/** One timed operation. May return how many rows it handled (for rows/s). */
export type Operation = (iteration: number) => Promise<number | void> | number | void;

export type Stats = {
  iterations: number;
  /** Milliseconds. */
  min: number;
  max: number;
  mean: number;
  stddev: number;
  p50: number;
  p95: number;
  p99: number;
  /** Wall-clock time for all timed iterations, milliseconds. */
  totalMs: number;
  /** Operations per second of wall-clock time. */
  opsPerSec: number;
  /** Rows the operation reported handling, summed; null when it reported none. */
  rows: number | null;
  rowsPerSec: number | null;
  /** Highest resident set size of this process seen while measuring, bytes. */
  peakRssBytes: number;
};

export type MeasureOptions = {
  /** Untimed calls before measuring (JIT, connection pool, plan cache, buffer cache). */
  warmup?: number;
  iterations: number;
  /** Concurrent callers; above 1 the percentiles include queueing, and opsPerSec is the figure to read. */
  concurrency?: number;
};

const now = () => performance.now();

/** Linear-interpolated percentile of an ascending array (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  if (sorted.length === 1) return sorted[0]!;
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lowValue = sorted[low]!;
  return lowValue + (sorted[high]! - lowValue) * (rank - low);
}

/** Summary statistics of samples in milliseconds. */
export function summarize(
  samples: readonly number[],
  extra: { totalMs?: number; rows?: number | null; peakRssBytes?: number } = {},
): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  const sum = sorted.reduce((total, value) => total + value, 0);
  const mean = n ? sum / n : Number.NaN;
  const variance = n > 1 ? sorted.reduce((total, value) => total + (value - mean) ** 2, 0) / (n - 1) : 0;
  const totalMs = extra.totalMs ?? sum;
  const rows = extra.rows ?? null;
  return {
    iterations: n,
    min: sorted[0] ?? Number.NaN,
    max: sorted[n - 1] ?? Number.NaN,
    mean,
    stddev: Math.sqrt(variance),
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    totalMs,
    opsPerSec: totalMs > 0 ? (n * 1000) / totalMs : Number.NaN,
    rows,
    rowsPerSec: rows !== null && totalMs > 0 ? (rows * 1000) / totalMs : null,
    peakRssBytes: extra.peakRssBytes ?? process.memoryUsage.rss(),
  };
}

/** Samples this process's RSS on a timer; `stop()` returns the highest value seen. */
export class RssSampler {
  private peak = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly intervalMs = 20) {}

  start(): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
    return this;
  }

  sample(): number {
    const rss = process.memoryUsage.rss();
    if (rss > this.peak) this.peak = rss;
    return rss;
  }

  stop(): number {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.sample();
    return this.peak;
  }
}

function rowsOf(result: number | void): number | null {
  return typeof result === "number" && Number.isFinite(result) ? result : null;
}

/** Times `operation`: `warmup` untimed calls, then `iterations` timed ones. */
export async function measure(operation: Operation, options: MeasureOptions): Promise<Stats> {
  const concurrency = Math.max(1, options.concurrency ?? 1);
  for (let i = 0; i < (options.warmup ?? 0); i++) await operation(i);
  const samples: number[] = new Array<number>(options.iterations);
  let rows: number | null = null;
  let next = 0;
  const rss = new RssSampler().start();
  const started = now();
  const worker = async () => {
    while (next < options.iterations) {
      const iteration = next++;
      const t0 = now();
      const handled = rowsOf(await operation(iteration));
      samples[iteration] = now() - t0;
      if (handled !== null) rows = (rows ?? 0) + handled;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, options.iterations) }, worker));
  const totalMs = now() - started;
  return summarize(samples, { totalMs, rows, peakRssBytes: rss.stop() });
}

/** Times one call of a long-running operation (a bulk load, an export). */
export async function timeOnce<T>(
  operation: () => Promise<T>,
  rowsOfResult?: (result: T) => number,
): Promise<{ result: T; ms: number; rows: number | null; rowsPerSec: number | null; peakRssBytes: number }> {
  const rss = new RssSampler().start();
  const t0 = now();
  const result = await operation();
  const ms = now() - t0;
  const rows = rowsOfResult ? rowsOfResult(result) : null;
  return { result, ms, rows, rowsPerSec: rows !== null && ms > 0 ? (rows * 1000) / ms : null, peakRssBytes: rss.stop() };
}

/**
 * Times several variants of the same work interleaved: each iteration runs every
 * variant once, rotating which goes first, so drift in the machine (other
 * processes, caches, autovacuum) touches all variants alike. Sequential only.
 */
export async function measureInterleaved<K extends string>(
  variants: Record<K, Operation>,
  options: { warmup?: number; iterations: number },
): Promise<Record<K, Stats>> {
  const names = Object.keys(variants) as K[];
  for (let i = 0; i < (options.warmup ?? 0); i++) {
    for (const name of names) await variants[name](i);
  }
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  const rows = Object.fromEntries(names.map((name) => [name, null])) as Record<K, number | null>;
  const rss = new RssSampler().start();
  for (let i = 0; i < options.iterations; i++) {
    for (let j = 0; j < names.length; j++) {
      const name = names[(i + j) % names.length]!;
      const t0 = now();
      const handled = rowsOf(await variants[name](i));
      samples[name].push(now() - t0);
      if (handled !== null) rows[name] = (rows[name] ?? 0) + handled;
    }
  }
  const peakRssBytes = rss.stop();
  // Each variant's own time is its total (the others ran in between).
  return Object.fromEntries(
    names.map((name) => [name, summarize(samples[name], { rows: rows[name], peakRssBytes })]),
  ) as Record<K, Stats>;
}

/** subject ÷ baseline: for times above 1 means slower than the baseline; for rates, below 1 does. */
export function compare(subject: number, baseline: number): number | null {
  if (!Number.isFinite(subject) || !Number.isFinite(baseline) || baseline === 0) return null;
  return subject / baseline;
}

/** A row of the printed table and of the JSON results. */
export type Figure = {
  metric: string;
  value: number;
  unit: string;
  baseline: number | null;
  ratio: number | null;
  /** What the baseline is, when the table alone would not say. */
  baselineLabel?: string;
  /** A target the figure is held to (an issue's performance section), e.g. "≤ 50 ms". */
  target?: string;
  /** Whether the value meets `target`. */
  verdict?: "PASS" | "MISS";
};

/** Holds a figure to a target: `at most` (times, memory) or `at least` (rates). */
export function withTarget(f: Figure, kind: "atMost" | "atLeast", limit: number): Figure {
  const ok = Number.isFinite(f.value) && (kind === "atMost" ? f.value <= limit : f.value >= limit);
  return { ...f, target: `${kind === "atMost" ? "≤" : "≥"} ${formatNumber(limit)} ${f.unit}`, verdict: ok ? "PASS" : "MISS" };
}

export function figure(metric: string, value: number, unit: string, baseline?: number, baselineLabel?: string): Figure {
  return {
    metric,
    value,
    unit,
    baseline: baseline ?? null,
    ratio: baseline === undefined ? null : compare(value, baseline),
    ...(baselineLabel ? { baselineLabel } : {}),
  };
}

/** Latency figures (p50/p95/p99 by default) of a subject against its baseline. */
export function latencyFigures(
  label: string,
  subject: Stats,
  baseline: Stats | undefined,
  keys: ReadonlyArray<"p50" | "p95" | "p99" | "mean" | "max"> = ["p50", "p95", "p99"],
  baselineLabel?: string,
): Figure[] {
  return keys.map((key) => figure(`${label} ${key}`, subject[key], "ms", baseline?.[key], baselineLabel));
}

export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString("en-US");
  if (abs >= 100) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toFixed(3);
}

export function formatRatio(ratio: number | null): string {
  return ratio === null ? "—" : `${ratio.toFixed(2)}×`;
}

export function formatBytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}

/** The table every benchmark prints: metric, value, unit, baseline, ratio. */
export function renderTable(figures: readonly Figure[]): string {
  const targets = figures.some((f) => f.target);
  const header = ["metric", "value", "unit", "baseline", "ratio", ...(targets ? ["target", "result"] : [])];
  const rows = figures.map((f) => [
    f.metric,
    formatNumber(f.value),
    f.unit,
    formatNumber(f.baseline),
    formatRatio(f.ratio),
    ...(targets ? [f.target ?? "", f.verdict ?? ""] : []),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const right = [false, true, false, true, true, false, false];
  const line = (cells: string[]) =>
    cells.map((cell, column) => (right[column] ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join("  ");
  return [line(header), widths.map((width) => "-".repeat(width)).join("  "), ...rows.map(line)].join("\n");
}
