import { TRPCError } from "@trpc/server";
import { ImportStateError, saveImportMapping, startImport } from "~/services/contact-import.server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { ConfigureImportInput } from "~/trpc/routers/contact-import/configure.schema";
import { checkedColumns, loadImport } from "~/trpc/routers/contact-import/load-import.server";

async function settingsFrom(ctx: OrgScopedContext, input: ConfigureImportInput) {
  const { contactImport, mapping } = await loadImport(ctx, input.id);
  if (!mapping) throw new TRPCError({ code: "BAD_REQUEST", message: "This import can't be configured; upload the file again." });
  if (contactImport.status !== "PENDING") {
    throw new TRPCError({ code: "CONFLICT", message: "This import has already started; its settings can't change." });
  }
  const columns = await checkedColumns(ctx, mapping.headers, input.mapping);
  return { ...mapping, columns };
}

function asConflict(error: unknown): never {
  if (error instanceof ImportStateError) throw new TRPCError({ code: "CONFLICT", message: error.message });
  throw error;
}

/** Saves the column mapping and duplicate strategy (the preview follows them). */
export async function configureImportHandler({ ctx, input }: { ctx: OrgScopedContext; input: ConfigureImportInput }) {
  const mapping = await settingsFrom(ctx, input);
  await saveImportMapping(ctx.db, {
    organizationId: ctx.org.id,
    importId: input.id,
    mapping,
    duplicateStrategy: input.duplicateStrategy,
  }).catch(asConflict);
  return { id: input.id };
}

/** Saves the settings and starts the import as a background job. */
export async function startImportHandler({ ctx, input }: { ctx: OrgScopedContext; input: ConfigureImportInput }) {
  const mapping = await settingsFrom(ctx, input);
  await startImport(ctx.db, {
    organizationId: ctx.org.id,
    importId: input.id,
    mapping,
    duplicateStrategy: input.duplicateStrategy,
  }).catch(asConflict);
  return { id: input.id };
}
