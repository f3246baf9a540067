// What a benchmark is and what it is given. Register new ones in bench/benchmarks/index.ts.
import type pg from "pg";
import type { PrismaClient } from "../../app/generated/prisma/client";
import type { Dataset } from "../generate";
import type { Figure } from "./measure";

export type BenchContext = {
  /** The bench database (leadlane_bench), with the dataset in place. */
  databaseUrl: string;
  /** A Prisma client made by the app's own createPrismaClient. */
  db: PrismaClient;
  /** A plain node-postgres pool of the same size, for baselines. */
  pool: pg.Pool;
  /** Pool size of both `db` and `pool`. */
  poolSize: number;
  dataset: Dataset;
  /** --iterations, or the benchmark's default. */
  iterations: number;
  /** --seconds, for a benchmark that runs for a time (undefined: its own default). */
  seconds?: number;
  log: (line: string) => void;
};

export type BenchOutcome = {
  /** The printed table; each figure carries its baseline and ratio. */
  figures: Figure[];
  /** Anything else worth keeping in the JSON (full stats, plans, settings). */
  details?: Record<string, unknown>;
};

export type Benchmark = {
  name: string;
  description: string;
  /** Used when --iterations is not given. */
  defaultIterations: number;
  /** Used when --contacts is not given. */
  defaultContacts?: number;
  /** Used when --conversations / --messages are not given (inbox data; none by default). */
  defaultConversations?: number;
  defaultMessages?: number;
  run: (context: BenchContext) => Promise<BenchOutcome>;
  /**
   * Removes what a run of this benchmark that crashed left in the bench database (rows it recognises
   * by their marks), before the dataset is checked: those rows would otherwise make the dataset look
   * changed, so it would be regenerated, or refused with --reuse. Returns what it removed, for the log.
   */
  removeLeftovers?: (context: LeftoverContext) => Promise<string | null>;
};

/** What removeLeftovers is given: the bench database and the dataset it says it holds. */
export type LeftoverContext = { databaseUrl: string; pool: pg.Pool; dataset: Dataset };
