// Loads an import of the caller's organization, or answers NOT_FOUND (also for another organization's id).
import { TRPCError } from "@trpc/server";
import { findContactImport, readStoredMapping, listCustomFieldDefinitions } from "~/models/contact-import.server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { ConfigureImportInput } from "~/trpc/routers/contact-import/configure.schema";
import type { ImportMapping } from "~/domain/contact-import/import-fields";

export async function loadImport(ctx: OrgScopedContext, id: string) {
  const contactImport = await findContactImport(ctx.db, { organizationId: ctx.org.id, id });
  if (!contactImport) throw new TRPCError({ code: "NOT_FOUND", message: "Import not found." });
  return { contactImport, mapping: readStoredMapping(contactImport.mapping) };
}

/** The submitted mapping, checked against the file's columns and the organization's custom fields. */
export async function checkedColumns(ctx: OrgScopedContext, headers: string[], input: ConfigureImportInput["mapping"]): Promise<ImportMapping> {
  const definitions = new Set((await listCustomFieldDefinitions(ctx.db, { organizationId: ctx.org.id })).map((d) => d.key));
  const columns: ImportMapping = {};
  const customFields: Record<string, number> = {};
  const inRange = (index: number) => {
    if (index >= headers.length) throw new TRPCError({ code: "BAD_REQUEST", message: "That column isn't in the file." });
    return index;
  };
  for (const [key, value] of Object.entries(input)) {
    if (key === "customFields" || value === undefined || typeof value !== "number") continue;
    (columns as Record<string, number>)[key] = inRange(value);
  }
  for (const [key, value] of Object.entries(input.customFields ?? {})) {
    if (value === undefined) continue;
    if (!definitions.has(key)) throw new TRPCError({ code: "BAD_REQUEST", message: "That custom field no longer exists." });
    customFields[key] = inRange(value);
  }
  columns.customFields = customFields;
  return columns;
}
