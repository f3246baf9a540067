// Prisma reads and writes for CSV imports, always scoped by organization.
import type pg from "pg";
import { z } from "zod";
import type { CustomFieldType, DuplicateStrategy, Prisma, PrismaClient } from "~/generated/prisma/client";
import { CSV_FILE_ENCODINGS, type CsvDelimiter, type CsvFileEncoding, type ImportMapping } from "~/domain/contact-import/import-fields";
import { sharedPool } from "~/utils/pg-pool.server";

type Tx = Prisma.TransactionClient | PrismaClient;

/**
 * What ContactImport.mapping holds: how to read the file and which column goes where.
 * `encoding` is how the uploaded file was written (imports from before it was recorded are UTF-8).
 */
export type StoredImportMapping = { delimiter: CsvDelimiter; encoding?: CsvFileEncoding; headers: string[]; columns: ImportMapping };

const storedMappingSchema = z.object({
  delimiter: z.enum([",", ";", "\t"]),
  encoding: z.enum(CSV_FILE_ENCODINGS).optional(),
  headers: z.array(z.string()),
  columns: z
    .object({ customFields: z.record(z.string(), z.number().int().min(0)).optional() })
    .catchall(z.number().int().min(0)),
});

export function readStoredMapping(value: unknown): StoredImportMapping | null {
  const parsed = storedMappingSchema.safeParse(value);
  return parsed.success ? (parsed.data as StoredImportMapping) : null;
}

/**
 * Stores an upload: the import's row and its file, in one transaction. Through
 * node-postgres on the process's pool rather than Prisma: a Buffer parameter
 * goes to PostgreSQL as binary as it is, where Prisma re-encodes it on the way
 * (a 50 MB file took twice as long).
 */
export async function createContactImport(
  db: PrismaClient,
  input: {
    organizationId: string;
    createdById: string;
    fileName: string;
    content: Buffer;
    mapping: StoredImportMapping;
    totalRows: number;
  },
  pool: pg.Pool = sharedPool(),
) {
  const client = await pool.connect();
  let id: string;
  try {
    await client.query("BEGIN");
    const created = await client.query<{ id: string }>(
      `INSERT INTO "ContactImport" ("organizationId", "createdById", "fileName", "mapping", "totalRows")
       VALUES ($1::uuid, $2::uuid, $3, $4::jsonb, $5) RETURNING "id"`,
      [input.organizationId, input.createdById, input.fileName, JSON.stringify(input.mapping), input.totalRows],
    );
    id = created.rows[0]!.id;
    await client.query(`INSERT INTO "ContactImportFile" ("importId", "organizationId", "content") VALUES ($1::uuid, $2::uuid, $3)`, [
      id,
      input.organizationId,
      input.content,
    ]);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
  return db.contactImport.findFirstOrThrow({ where: { id, organizationId: input.organizationId } });
}

const importSelect = {
  id: true,
  fileName: true,
  status: true,
  duplicateStrategy: true,
  mapping: true,
  totalRows: true,
  processedRows: true,
  createdCount: true,
  updatedCount: true,
  skippedCount: true,
  failedCount: true,
  error: true,
  startedAt: true,
  finishedAt: true,
  createdAt: true,
  createdById: true,
  createdBy: { select: { name: true, email: true } },
} satisfies Prisma.ContactImportSelect;

export function findContactImport(db: Tx, { organizationId, id }: { organizationId: string; id: string }) {
  return db.contactImport.findFirst({ where: { id, organizationId }, select: importSelect });
}

export function listContactImports(db: Tx, { organizationId, take = 50 }: { organizationId: string; take?: number }) {
  return db.contactImport.findMany({
    where: { organizationId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { ...importSelect, mapping: false },
  });
}

/** Saves mapping and strategy while the import has not started; false when it is no longer PENDING. */
export async function saveImportSettings(
  db: Tx,
  input: { organizationId: string; id: string; mapping: StoredImportMapping; duplicateStrategy: DuplicateStrategy },
): Promise<boolean> {
  const { count } = await db.contactImport.updateMany({
    where: { id: input.id, organizationId: input.organizationId, status: "PENDING" },
    data: { mapping: input.mapping as unknown as Prisma.InputJsonObject, duplicateStrategy: input.duplicateStrategy },
  });
  return count === 1;
}

/** PENDING → RUNNING; false when someone else started it first. */
export async function markImportRunning(db: Tx, { organizationId, id }: { organizationId: string; id: string }) {
  const { count } = await db.contactImport.updateMany({
    where: { id, organizationId, status: "PENDING" },
    data: { status: "RUNNING", startedAt: new Date() },
  });
  return count === 1;
}

export class ImportFileMissingError extends Error {
  constructor() {
    super("The uploaded file is no longer stored; upload it again.");
    this.name = "ImportFileMissingError";
  }
}

/** The stored file, slice by slice (substring on the bytea), so it is never held in memory whole. */
export async function* readImportFileSlices(
  db: Tx,
  { organizationId, importId }: { organizationId: string; importId: string },
  sliceBytes = 4 * 1024 * 1024,
): AsyncGenerator<Buffer> {
  for (let offset = 0; ; offset += sliceBytes) {
    const rows = await db.$queryRaw<Array<{ chunk: Uint8Array | null }>>`
      SELECT substring("content" FROM ${offset + 1}::int FOR ${sliceBytes}::int) AS "chunk"
        FROM "ContactImportFile" WHERE "importId" = ${importId}::uuid AND "organizationId" = ${organizationId}::uuid`;
    if (rows.length === 0) throw new ImportFileMissingError();
    const chunk = rows[0]!.chunk;
    if (!chunk || chunk.length === 0) return;
    yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (chunk.length < sliceBytes) return;
  }
}

/** What an import needs of a custom field definition. */
export type CustomFieldDefinitionLite = { key: string; label: string; type: CustomFieldType; options: string[] };

export async function listCustomFieldDefinitions(db: Tx, { organizationId }: { organizationId: string }): Promise<CustomFieldDefinitionLite[]> {
  return db.customFieldDefinition.findMany({
    where: { organizationId },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }, { key: "asc" }],
    select: { key: true, label: true, type: true, options: true },
  });
}

/** Members of the organization by lower-cased email. */
export async function memberIdsByEmail(db: Tx, { organizationId }: { organizationId: string }): Promise<Map<string, string>> {
  const members = await db.membership.findMany({
    where: { organizationId },
    select: { user: { select: { id: true, email: true } } },
  });
  return new Map(members.map((member) => [member.user.email.toLowerCase(), member.user.id]));
}

/** Finds or creates companies by exact name; returns name → id. */
export async function ensureCompanies(db: Tx, { organizationId, names }: { organizationId: string; names: string[] }) {
  const wanted = [...new Set(names)];
  if (wanted.length === 0) return new Map<string, string>();
  await db.$executeRaw`
    INSERT INTO "Company" ("organizationId", "name", "updatedAt")
    SELECT ${organizationId}::uuid, n, now() FROM unnest(${wanted}::text[]) AS n
    ON CONFLICT ("organizationId", "name") DO NOTHING`;
  const rows = await db.company.findMany({ where: { organizationId, name: { in: wanted } }, select: { id: true, name: true } });
  return new Map(rows.map((row) => [row.name, row.id]));
}

/** Phones among `phones` that already belong to a contact of the organization. */
/** Which of these phones, and of these (lowercased) emails, contacts of the organization already have: phones as they are, emails as "email:<email>". */
export async function existingIdentities(
  db: Tx,
  { organizationId, phones, emails }: { organizationId: string; phones: string[]; emails: string[] },
) {
  if (phones.length === 0 && emails.length === 0) return new Set<string>();
  const rows = await db.$queryRaw<Array<{ key: string }>>`
    SELECT "phone" AS "key" FROM "Contact" WHERE "organizationId" = ${organizationId}::uuid AND "phone" = ANY(${phones}::text[])
    UNION ALL
    SELECT 'email:' || lower("email") FROM "Contact"
     WHERE "organizationId" = ${organizationId}::uuid AND lower("email") = ANY(${emails}::text[]) AND "email" IS NOT NULL`;
  return new Set(rows.map((row) => row.key));
}

/** Locks the import row for a batch and returns where it stands. */
export async function lockImportProgress(db: Tx, { organizationId, id }: { organizationId: string; id: string }) {
  const rows = await db.$queryRaw<Array<{ processedRows: number; status: string }>>`
    SELECT "processedRows", "status"::text AS "status" FROM "ContactImport"
     WHERE "id" = ${id}::uuid AND "organizationId" = ${organizationId}::uuid FOR UPDATE`;
  return rows[0] ?? null;
}

export type BatchCounts = { processed: number; created: number; updated: number; skipped: number; failed: number };

export async function addImportProgress(db: Tx, { organizationId, id }: { organizationId: string; id: string }, counts: BatchCounts) {
  return db.contactImport.update({
    where: { id, organizationId },
    data: {
      processedRows: { increment: counts.processed },
      createdCount: { increment: counts.created },
      updatedCount: { increment: counts.updated },
      skippedCount: { increment: counts.skipped },
      failedCount: { increment: counts.failed },
    },
    select: { processedRows: true, totalRows: true, status: true },
  });
}

export async function recordImportErrors(
  db: Tx,
  { organizationId, importId }: { organizationId: string; importId: string },
  errors: Array<{ rowNumber: number; message: string; cells: string[] }>,
) {
  if (errors.length === 0) return;
  await db.contactImportError.createMany({
    data: errors.map((error) => ({
      organizationId,
      importId,
      rowNumber: error.rowNumber,
      message: error.message,
      row: error.cells,
    })),
  });
}

/** Removes errors recorded by a batch that never committed its progress (before resuming). */
export function clearErrorsAfter(db: Tx, { organizationId, importId, rowNumber }: { organizationId: string; importId: string; rowNumber: number }) {
  return db.contactImportError.deleteMany({ where: { organizationId, importId, rowNumber: { gt: rowNumber } } });
}

export function listImportErrorsAfter(
  db: Tx,
  { organizationId, importId, afterRowNumber, take }: { organizationId: string; importId: string; afterRowNumber: number; take: number },
) {
  return db.contactImportError.findMany({
    where: { organizationId, importId, rowNumber: { gt: afterRowNumber } },
    orderBy: { rowNumber: "asc" },
    take,
    select: { rowNumber: true, message: true, row: true },
  });
}

/** COMPLETED (or FAILED with a reason), and the stored file deleted. */
export async function finishImport(
  db: PrismaClient,
  { organizationId, id, error }: { organizationId: string; id: string; error?: string },
) {
  return db.$transaction(async (tx) => {
    await tx.contactImportFile.deleteMany({ where: { importId: id, organizationId } });
    return tx.contactImport.update({
      where: { id, organizationId },
      data: { status: error ? "FAILED" : "COMPLETED", error: error ?? null, finishedAt: new Date() },
      select: { processedRows: true, totalRows: true, status: true },
    });
  });
}

export function findImportForJob(db: Tx, { id }: { id: string }) {
  return db.contactImport.findUnique({
    where: { id },
    select: {
      id: true,
      organizationId: true,
      createdById: true,
      fileName: true,
      status: true,
      duplicateStrategy: true,
      mapping: true,
      totalRows: true,
      processedRows: true,
    },
  });
}
