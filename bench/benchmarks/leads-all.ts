// Issue 3's five performance targets in sequence on one dataset: list, search,
// bulk add tag, export, import. One table; each figure keeps its own
// baseline, ratio, target and PASS/MISS. A benchmark that fails is reported
// and the others still run.
import type { Benchmark, BenchContext, BenchOutcome } from "../lib/benchmark";
import { prefixed } from "../lib/leads";
import type { Figure } from "../lib/measure";
import { runLeadsBulkTag } from "./leads-bulk-tag";
import { runLeadsExport } from "./leads-export";
import { runLeadsImport } from "./leads-import";
import { runLeadsList } from "./leads-list";
import { runLeadsSearch } from "./leads-search";

const PARTS: Array<[string, (context: BenchContext) => Promise<BenchOutcome>]> = [
  ["leads-list", runLeadsList],
  ["leads-search", runLeadsSearch],
  ["leads-bulk-tag", runLeadsBulkTag],
  ["leads-export", runLeadsExport],
  ["leads-import", runLeadsImport],
];

export const leadsAll: Benchmark = {
  name: "leads-all",
  description: "leads-list, leads-search, leads-bulk-tag, leads-export and leads-import in sequence on one dataset",
  defaultIterations: 96,
  defaultContacts: 1_000_000,
  async run(context) {
    const figures: Figure[] = [];
    const details: Record<string, unknown> = {};
    const failures: string[] = [];
    for (const [name, run] of PARTS) {
      const started = performance.now();
      context.log(`── ${name}`);
      try {
        const outcome = await run({ ...context, log: prefixed(context.log, name) });
        figures.push(...outcome.figures);
        details[name] = { ...outcome.details, durationMs: performance.now() - started };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        context.log(`${name} FAILED: ${message}`);
        failures.push(`${name}: ${message}`);
        details[name] = { error: error instanceof Error ? (error.stack ?? message) : message };
        figures.push({ metric: `${name}: did not complete`, value: Number.NaN, unit: "", baseline: null, ratio: null, target: "runs", verdict: "MISS" });
      }
    }
    const verdicts = figures.filter((f) => f.verdict);
    context.log(`targets: ${verdicts.filter((f) => f.verdict === "PASS").length} PASS, ${verdicts.filter((f) => f.verdict === "MISS").length} MISS`);
    return { figures, details: { ...details, failures } };
  },
};
