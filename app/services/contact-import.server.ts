// CSV import of contacts: upload (checked and stored), preview with the
// problems found, start (a job), and the job itself, which streams the stored
// file and writes contacts in set-based batches. Each batch commits together
// with the import's progress, so a retried or resumed job continues after the
// last committed batch and never writes anything twice.
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import type { DuplicateStrategy, Prisma, PrismaClient } from "~/generated/prisma/client";
import {
  addImportProgress,
  clearErrorsAfter,
  createContactImport,
  ensureCompanies,
  existingIdentities,
  finishImport,
  findImportForJob,
  ImportFileMissingError,
  listCustomFieldDefinitions,
  listImportErrorsAfter,
  lockImportProgress,
  markImportRunning,
  memberIdsByEmail,
  readImportFileSlices,
  readStoredMapping,
  recordImportErrors,
  saveImportSettings,
  type BatchCounts,
  type StoredImportMapping,
} from "~/models/contact-import.server";
import { ensureTags } from "~/models/tag.server";
import { intakeContacts, type IntakeRow } from "~/services/contact-intake.server";
import { parseContactRow, rowIdentity, type ContactRowContext, type ParsedContactRow } from "~/services/csv-contact-row.server";
import { CsvFileError, normalizeCsvEncoding, parseCsvRecords, storedEncodingOf, summarizeCsv } from "~/services/csv-reader.server";
import { csvRow, UTF8_BOM, writeRespectingBackpressure } from "~/services/csv-writer.server";
import { throwIfStopped } from "~/services/job-stopped";
import { enqueueJob, jobKey } from "~/services/jobs.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { guessImportMapping, type ImportMapping } from "~/domain/contact-import/import-fields";
import { systemActor } from "~/services/command.server";

export const DEFAULT_IMPORT_BATCH_SIZE = 2_000;
/** Batches being written at the same time (each in its own transaction and connection). */
export const IMPORT_BATCHES_IN_FLIGHT = 2;
export const PREVIEW_ROWS = 20;
/** The preview reads the stored file in pieces this size, only as many as its rows need. */
const PREVIEW_SLICE_BYTES = 64 * 1024;

function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, "").trim();
  return (clean || "contacts.csv").slice(0, 255);
}

/**
 * Checks and stores an uploaded file; throws CsvFileError with a message for the uploader.
 * Only the header is parsed; the rows are counted and checked by a quick scan (see scanCsv).
 */
export async function createImportFromUpload(
  db: PrismaClient,
  input: { organizationId: string; userId: string; fileName: string; bytes: Uint8Array },
) {
  const file = normalizeCsvEncoding(input.bytes);
  const summary = await summarizeCsv(file);
  const customFields = await listCustomFieldDefinitions(db, { organizationId: input.organizationId });
  const mapping: StoredImportMapping = {
    delimiter: summary.delimiter,
    encoding: file.encoding,
    headers: summary.headers,
    columns: guessImportMapping(summary.headers, customFields),
  };
  return createContactImport(db, {
    organizationId: input.organizationId,
    createdById: input.userId,
    fileName: safeFileName(input.fileName),
    content: file.content,
    mapping,
    totalRows: summary.totalRows,
  });
}

export async function rowContext(db: PrismaClient, organizationId: string, mapping: ImportMapping): Promise<ContactRowContext> {
  const [membersByEmail, customFields] = await Promise.all([
    memberIdsByEmail(db, { organizationId }),
    listCustomFieldDefinitions(db, { organizationId }),
  ]);
  return { mapping, membersByEmail, customFields: new Map(customFields.map((definition) => [definition.key, definition])) };
}

export type PreviewRow = {
  rowNumber: number;
  cells: string[];
  row: ParsedContactRow | null;
  problems: string[];
  /** A contact with this phone already exists: the duplicate strategy applies. */
  existing: boolean;
};

/** The first rows of the stored file, read with the mapping, with every problem found. */
export async function previewImport(
  db: PrismaClient,
  input: { organizationId: string; importId: string; mapping: StoredImportMapping; limit?: number },
): Promise<PreviewRow[]> {
  const limit = input.limit ?? PREVIEW_ROWS;
  const context = await rowContext(db, input.organizationId, input.mapping.columns);
  const rows: PreviewRow[] = [];
  const firstRowByIdentity = new Map<string, number>();
  const slices = readImportFileSlices(db, { organizationId: input.organizationId, importId: input.importId }, PREVIEW_SLICE_BYTES);
  for await (const record of parseCsvRecords(slices, input.mapping.delimiter, storedEncodingOf(input.mapping.encoding))) {
    if (record.index === 0) continue;
    const rowNumber = record.index + 1;
    const result = parseContactRow(record.cells, context);
    const problems = [...result.problems];
    if (result.row) {
      const identity = rowIdentity(result.row);
      const first = firstRowByIdentity.get(identity.key);
      if (first !== undefined) problems.push(duplicateMessage(first, identity.description));
      else firstRowByIdentity.set(identity.key, rowNumber);
    }
    rows.push({ rowNumber, cells: record.cells, row: problems.length ? null : result.row, problems, existing: false });
    if (rows.length >= limit) break;
  }
  const existing = await existingIdentities(db, {
    organizationId: input.organizationId,
    phones: rows.flatMap((row) => (row.row?.phone ? [row.row.phone] : [])),
    emails: rows.flatMap((row) => (row.row && !row.row.phone && row.row.email ? [row.row.email] : [])),
  });
  for (const row of rows) row.existing = Boolean(row.row && existing.has(rowIdentity(row.row).key));
  return rows;
}

function duplicateMessage(firstRow: number, sameWhat: string): string {
  return `Duplicate of row ${firstRow} (${sameWhat})`;
}

export class ImportStateError extends Error {}

export async function saveImportMapping(
  db: PrismaClient,
  input: { organizationId: string; importId: string; mapping: StoredImportMapping; duplicateStrategy: DuplicateStrategy },
) {
  const saved = await saveImportSettings(db, {
    organizationId: input.organizationId,
    id: input.importId,
    mapping: input.mapping,
    duplicateStrategy: input.duplicateStrategy,
  });
  if (!saved) throw new ImportStateError("This import has already started; its settings can't change.");
}

/** Saves the final settings, marks the import RUNNING and queues its job, in one transaction. */
export async function startImport(
  db: PrismaClient,
  input: { organizationId: string; importId: string; mapping: StoredImportMapping; duplicateStrategy: DuplicateStrategy },
) {
  await db.$transaction(async (tx) => {
    const saved = await saveImportSettings(tx, {
      organizationId: input.organizationId,
      id: input.importId,
      mapping: input.mapping,
      duplicateStrategy: input.duplicateStrategy,
    });
    if (!saved || !(await markImportRunning(tx, { organizationId: input.organizationId, id: input.importId }))) {
      throw new ImportStateError("This import has already started.");
    }
    await enqueueJob(tx, "contacts_import", { importId: input.importId }, { jobKey: jobKey("contacts_import", input.importId) });
    await publishLiveEvent(tx, input.organizationId, { type: "import.progress", importId: input.importId });
  });
}

// ---------------------------------------------------------------------------
// The job

type PendingRow = { rowNumber: number; cells: string[] };
type BatchRow = { rowNumber: number; cells: string[]; row: ParsedContactRow | null; problem: string | null };

/** Another run moved this import on (or it was stopped): this run must not write. */
class ImportSupersededError extends Error {}

export type RunImportOptions = {
  batchSize?: number;
  /** Called after each committed batch (tests use it to simulate a crash). */
  afterBatch?: (progress: { processedRows: number }) => void | Promise<void>;
  /** The job's abort signal: once it fires, no new batch starts and the run throws JobStoppedError. */
  signal?: AbortSignal;
};

export type RunImportResult = { status: string; processedRows?: number };

/**
 * Runs (or resumes) an import. Safe to call again after a crash or for a
 * retried job: it starts after the last committed batch, and returns early
 * when the import isn't RUNNING.
 */
export async function runContactImport(db: PrismaClient, importId: string, options: RunImportOptions = {}): Promise<RunImportResult> {
  const batchSize = options.batchSize ?? DEFAULT_IMPORT_BATCH_SIZE;
  throwIfStopped(options.signal);
  const job = await findImportForJob(db, { id: importId });
  if (!job) return { status: "MISSING" };
  if (job.status !== "RUNNING") return { status: job.status };
  const { organizationId } = job;
  const scope = { organizationId, id: job.id };
  const mapping = readStoredMapping(job.mapping);
  if (!mapping) return fail(db, organizationId, job.id, "The import's column mapping is missing; start a new import.");

  const context = await rowContext(db, organizationId, mapping.columns);
  // Errors written by a batch whose progress never committed are recorded again when it is redone.
  await clearErrorsAfter(db, { organizationId, importId: job.id, rowNumber: job.processedRows + 1 });

  const firstRowByIdentity = new Map<string, number>();
  let pending: PendingRow[] = [];
  // Up to IMPORT_BATCHES_IN_FLIGHT batches write at once; each commits its progress only after the one
  // before it has committed, so progress always covers a gap-free prefix of the file.
  let committed: Promise<number> = Promise.resolve(job.processedRows);
  const inFlight: Array<Promise<number>> = [];

  const flush = async () => {
    throwIfStopped(options.signal);
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    const rows = batch.map(({ rowNumber, cells }): BatchRow => {
      const result = parseContactRow(cells, context);
      if (!result.row) return { rowNumber, cells, row: null, problem: result.problems.join("; ") };
      const identity = rowIdentity(result.row);
      const first = firstRowByIdentity.get(identity.key);
      if (first !== undefined) return { rowNumber, cells, row: null, problem: duplicateMessage(first, identity.description) };
      firstRowByIdentity.set(identity.key, rowNumber);
      return { rowNumber, cells, row: result.row, problem: null };
    });
    const lookups = await prepareLookups(db, organizationId, rows);
    const write = quiet(
      writeBatch(db, job, rows, lookups, committed).then(async (processedRows) => {
        await options.afterBatch?.({ processedRows });
        return processedRows;
      }),
    );
    committed = write;
    inFlight.push(write);
    if (inFlight.length >= IMPORT_BATCHES_IN_FLIGHT) await inFlight.shift();
  };

  try {
    const slices = readImportFileSlices(db, { organizationId, importId: job.id });
    for await (const record of parseCsvRecords(slices, mapping.delimiter, storedEncodingOf(mapping.encoding))) {
      if (record.index === 0) continue;
      if (record.index <= job.processedRows) {
        // Done by an earlier run: only remember who it was, to report later duplicates the same way.
        const done = parseContactRow(record.cells, context).row;
        const key = done ? rowIdentity(done).key : null;
        if (key && !firstRowByIdentity.has(key)) firstRowByIdentity.set(key, record.index + 1);
        continue;
      }
      pending.push({ rowNumber: record.index + 1, cells: record.cells });
      if (pending.length >= batchSize) await flush();
    }
    await flush();
    await committed;
  } catch (error) {
    // Let batches still writing finish (they roll back) before anyone retries.
    await Promise.allSettled([...inFlight, committed]);
    if (error instanceof ImportSupersededError) return { status: "SUPERSEDED" };
    if (error instanceof CsvFileError || error instanceof ImportFileMissingError) {
      return fail(db, organizationId, job.id, error.message);
    }
    throw error;
  }

  const finished = await finishImport(db, scope);
  await publishLiveEvent(db, organizationId, { type: "import.progress", importId: job.id });
  return { status: finished.status, processedRows: finished.processedRows };
}

async function fail(db: PrismaClient, organizationId: string, id: string, message: string): Promise<RunImportResult> {
  const finished = await finishImport(db, { organizationId, id, error: message });
  await publishLiveEvent(db, organizationId, { type: "import.progress", importId: id });
  return { status: finished.status, processedRows: finished.processedRows };
}

type Tx = Prisma.TransactionClient | PrismaClient;
type ImportJob = NonNullable<Awaited<ReturnType<typeof findImportForJob>>>;

const TRANSACTION_OPTIONS = { timeout: 120_000, maxWait: 30_000 } as const;

/** A promise whose rejection is handled where it is awaited, never reported as unhandled meanwhile. */
function quiet<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

type Lookups = { tags: Map<string, { id: string; name: string }>; companies: Map<string, string> };

/**
 * Creates the batch's new tags and companies first, in their own short
 * transaction: batches written side by side then never wait on each other's
 * inserts (a tag or company left behind by a failed batch is harmless).
 */
async function prepareLookups(db: PrismaClient, organizationId: string, rows: BatchRow[]): Promise<Lookups> {
  const parsed = rows.flatMap((row) => (row.row ? [row.row] : []));
  const tags = await ensureTags(db, { organizationId, names: parsed.flatMap((row) => row.tagNames) });
  const companies = await ensureCompanies(db, {
    organizationId,
    names: parsed.flatMap((row) => (row.companyName ? [row.companyName] : [])),
  });
  return { tags: new Map(tags.map((tag) => [tag.name, { id: tag.id, name: tag.name }])), companies };
}

/**
 * Writes one batch, then (once the previous batch has committed) its progress,
 * in one transaction; resolves with the new processedRows.
 */
async function writeBatch(
  db: PrismaClient,
  job: ImportJob,
  rows: BatchRow[],
  lookups: Lookups,
  previous: Promise<number>,
): Promise<number> {
  try {
    return await db.$transaction(async (tx) => {
      const errors = rows.flatMap((row) => (row.problem ? [{ rowNumber: row.rowNumber, message: row.problem, cells: row.cells }] : []));
      const counts = await saveRows(tx, job, rows.filter((row) => row.row), lookups);
      return commitProgress(tx, job, await previous, rows.length, counts, errors);
    }, TRANSACTION_OPTIONS);
  } catch (error) {
    // The database refused some value in the batch: save row by row, so one bad row costs only itself.
    // Anything else (a lost connection, a deadlock, an earlier batch failing) fails the job, which retries
    // and resumes after the last committed batch.
    if (isDataError(error)) return writeBatchRowByRow(db, job, rows, lookups, previous);
    throw error;
  }
}

/** SQLSTATE classes 22 (data exception) and 23 (integrity constraint violation): the data, not the moment, is at fault. */
function isDataError(error: unknown): boolean {
  const meta = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } } | null)?.meta;
  const code = meta?.driverAdapterError?.cause?.originalCode;
  if (typeof code === "string") return code.startsWith("22") || code.startsWith("23");
  const fromMessage = /Code: `(\w{5})`/.exec(error instanceof Error ? error.message : "")?.[1];
  return Boolean(fromMessage && (fromMessage.startsWith("22") || fromMessage.startsWith("23")));
}

async function writeBatchRowByRow(db: PrismaClient, job: ImportJob, rows: BatchRow[], lookups: Lookups, previous: Promise<number>) {
  const counts: Omit<BatchCounts, "processed" | "failed"> = { created: 0, updated: 0, skipped: 0 };
  const errors = rows.flatMap((row) => (row.problem ? [{ rowNumber: row.rowNumber, message: row.problem, cells: row.cells }] : []));
  for (const row of rows) {
    if (!row.row) continue;
    try {
      const saved = await db.$transaction((tx) => saveRows(tx, job, [row], lookups), TRANSACTION_OPTIONS);
      counts.created += saved.created;
      counts.updated += saved.updated;
      counts.skipped += saved.skipped;
    } catch (error) {
      if (!isDataError(error)) throw error;
      const reason = /Message: `([^`]*)`/.exec(error instanceof Error ? error.message : "")?.[1] ?? "the database refused a value";
      errors.push({ rowNumber: row.rowNumber, message: `Couldn't be saved: ${reason.slice(0, 300)}`, cells: row.cells });
    }
  }
  errors.sort((a, b) => a.rowNumber - b.rowNumber);
  const processedBefore = await previous;
  return db.$transaction(
    (tx) => commitProgress(tx, job, processedBefore, rows.length, counts, errors),
    TRANSACTION_OPTIONS,
  );
}

async function commitProgress(
  tx: Tx,
  job: ImportJob,
  processedBefore: number,
  batchLength: number,
  counts: Omit<BatchCounts, "processed" | "failed">,
  errors: Array<{ rowNumber: number; message: string; cells: string[] }>,
): Promise<number> {
  const scope = { organizationId: job.organizationId, id: job.id };
  const current = await lockImportProgress(tx, scope);
  if (!current || current.status !== "RUNNING" || current.processedRows !== processedBefore) throw new ImportSupersededError();
  await recordImportErrors(tx, { organizationId: job.organizationId, importId: job.id }, errors);
  const progress = await addImportProgress(tx, scope, { ...counts, processed: batchLength, failed: errors.length });
  await publishLiveEvent(tx, job.organizationId, { type: "import.progress", importId: job.id });
  return progress.processedRows;
}

async function saveRows(tx: Tx, job: ImportJob, rows: BatchRow[], lookups: Lookups) {
  const counts = { created: 0, updated: 0, skipped: 0 };
  if (rows.length === 0) return counts;
  const { organizationId } = job;
  const parsed = rows.map((row) => row.row!);
  const tagByName = lookups.tags;
  const companies = lookups.companies;
  const intake: IntakeRow[] = parsed.map((row) => ({
    phone: row.phone,
    name: row.name,
    email: row.email,
    stage: row.stage,
    temperature: row.temperature,
    score: row.score,
    source: row.source,
    ownerId: row.ownerId,
    companyId: row.companyName ? (companies.get(row.companyName) ?? null) : null,
    customFields: row.customFields,
    tags: row.tagNames.flatMap((name) => tagByName.get(name) ?? []),
  }));
  const outcomes = await intakeContacts(tx, intake, {
    organizationId,
    actor: systemActor("Import", job.createdById),
    strategy: job.duplicateStrategy,
    defaultSource: "IMPORT",
    createdEvent: { type: "IMPORTED", data: { importId: job.id, fileName: job.fileName } },
    eventData: { via: "import", importId: job.id },
  });
  for (const outcome of outcomes) {
    if (outcome.outcome === "created") counts.created += 1;
    else if (outcome.outcome === "updated") counts.updated += 1;
    else counts.skipped += 1;
  }
  return counts;
}

// ---------------------------------------------------------------------------
// The report of failed rows

/** Streams the failed rows as CSV: the file's own columns plus "error". Ends `writable`. */
export async function writeImportErrorsCsv(
  db: PrismaClient,
  input: { organizationId: string; importId: string; headers: string[] },
  writable: Writable,
  signal?: AbortSignal,
) {
  await writeRespectingBackpressure(writable, UTF8_BOM + csvRow([...input.headers, "error"]), signal);
  let after = 0;
  for (;;) {
    const page = await listImportErrorsAfter(db, { organizationId: input.organizationId, importId: input.importId, afterRowNumber: after, take: 2_000 });
    if (page.length === 0) break;
    let text = "";
    for (const error of page) {
      const cells = Array.isArray(error.row) ? error.row.map((cell) => (typeof cell === "string" ? cell : String(cell ?? ""))) : [];
      const original = input.headers.map((_, i) => cells[i] ?? "");
      text += csvRow([...original, `Row ${error.rowNumber}: ${error.message}`]);
      after = error.rowNumber;
    }
    await writeRespectingBackpressure(writable, text, signal);
    if (page.length < 2_000) break;
  }
  writable.end();
  await finished(writable, { readable: false });
}

export { CsvFileError };
