import { listCustomFieldDefinitions } from "~/models/contact-import.server";
import { previewImport } from "~/services/contact-import.server";
import { stripFormulaGuard } from "~/services/csv-writer.server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { ImportIdInput } from "~/trpc/routers/contact-import/get.schema";
import { describeCsvEncoding, IMPORT_FIELD_KEYS, missingRequiredFields } from "~/domain/contact-import/import-fields";
import { loadImport } from "~/trpc/routers/contact-import/load-import.server";

/** An import with its columns and mapping; while it waits to start, a preview of its first rows. */
export async function getImportHandler({ ctx, input }: { ctx: OrgScopedContext; input: ImportIdInput }) {
  const { contactImport, mapping } = await loadImport(ctx, input.id);
  const customFields = await listCustomFieldDefinitions(ctx.db, { organizationId: ctx.org.id });
  const { mapping: _stored, ...summary } = contactImport;
  const columns = mapping?.columns ?? {};
  let preview: Array<{ rowNumber: number; values: Record<string, string>; problems: string[]; existing: boolean }> | null = null;
  if (contactImport.status === "PENDING" && mapping) {
    const rows = await previewImport(ctx.db, { organizationId: ctx.org.id, importId: contactImport.id, mapping });
    preview = rows.map((row) => {
      const values: Record<string, string> = {};
      for (const key of IMPORT_FIELD_KEYS) {
        const index = columns[key];
        if (index !== undefined) values[key] = stripFormulaGuard((row.cells[index] ?? "").trim());
      }
      for (const [key, index] of Object.entries(columns.customFields ?? {})) {
        values[`cf.${key}`] = stripFormulaGuard((row.cells[index] ?? "").trim());
      }
      if (row.row?.phone) values.phone = row.row.phone;
      return { rowNumber: row.rowNumber, values, problems: row.problems, existing: row.existing };
    });
  }
  return {
    contactImport: summary,
    headers: mapping?.headers ?? [],
    /** How the file was read, in words ("UTF-8", "Windows-1252 (…)"). */
    encoding: describeCsvEncoding(mapping?.encoding ?? "utf-8"),
    encodingWasGuessed: mapping?.encoding === "windows-1252",
    columns,
    missingRequired: missingRequiredFields(columns),
    customFields: customFields.map(({ key, label, type }) => ({ key, label, type })),
    preview,
  };
}
