// Builders for CSV imports and website forms, shared by the seed, the tests and the benchmarks.
import { randomBytes } from "node:crypto";
import type { CustomFieldType, PrismaClient, WebFormAfterSubmit } from "../app/generated/prisma/client";
import { createImportFromUpload, startImport } from "../app/services/contact-import.server";
import { readStoredMapping } from "../app/models/contact-import.server";
import { csvRow } from "../app/services/csv-writer.server";
import type { ImportMapping } from "../app/domain/contact-import/import-fields";

/** RFC 4180 text for a header and rows (CRLF line ends, quoting where needed; no formula guard changes for plain values). */
export function csvText(rows: string[][]): string {
  return rows.map((row) => csvRow(row)).join("");
}

export function createWebForm(
  db: PrismaClient,
  input: {
    organizationId: string;
    name?: string;
    key?: string;
    enabled?: boolean;
    redirectUrl?: string | null;
    /** Defaults to REDIRECT with a redirect address, else the thank-you page. */
    afterSubmit?: WebFormAfterSubmit;
    tagNames?: string[];
    allowedOrigins?: string[];
  },
) {
  return db.webForm.create({
    data: {
      organizationId: input.organizationId,
      name: input.name ?? "Contact us",
      key: input.key ?? randomBytes(18).toString("base64url"),
      enabled: input.enabled ?? true,
      redirectUrl: input.redirectUrl ?? null,
      afterSubmit: input.afterSubmit ?? (input.redirectUrl ? "REDIRECT" : "THANK_YOU_PAGE"),
      tagNames: input.tagNames ?? [],
      allowedOrigins: input.allowedOrigins ?? [],
    },
  });
}

export function createCustomFieldDefinition(
  db: PrismaClient,
  input: { organizationId: string; key: string; label: string; type?: CustomFieldType; options?: string[]; position?: number },
) {
  return db.customFieldDefinition.create({
    data: {
      organizationId: input.organizationId,
      key: input.key,
      label: input.label,
      type: input.type ?? "TEXT",
      options: input.options ?? [],
      position: input.position ?? 0,
    },
  });
}

/** Uploads CSV content as a PENDING import (checked exactly like an upload through the page). */
export function createPendingImport(
  db: PrismaClient,
  input: { organizationId: string; createdById: string; content: string | Uint8Array; fileName?: string },
) {
  return createImportFromUpload(db, {
    organizationId: input.organizationId,
    userId: input.createdById,
    fileName: input.fileName ?? "contacts.csv",
    bytes: typeof input.content === "string" ? Buffer.from(input.content, "utf8") : input.content,
  });
}

/**
 * A PENDING import moved to RUNNING with its job queued, using the guessed
 * mapping (or `columns`) and `strategy` — ready for runContactImport.
 */
export async function createRunningImport(
  db: PrismaClient,
  input: {
    organizationId: string;
    createdById: string;
    content: string | Uint8Array;
    fileName?: string;
    strategy?: "SKIP" | "UPDATE" | "MERGE";
    columns?: ImportMapping;
  },
) {
  const created = await createPendingImport(db, input);
  const stored = readStoredMapping(created.mapping);
  if (!stored) throw new Error("the import has no mapping");
  await startImport(db, {
    organizationId: input.organizationId,
    importId: created.id,
    mapping: { ...stored, columns: input.columns ?? stored.columns },
    duplicateStrategy: input.strategy ?? "SKIP",
  });
  return created;
}
