import { TRPCError } from "@trpc/server";
import { createImportFromUpload } from "~/services/contact-import.server";
import { CsvFileError } from "~/services/csv-reader.server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { CreateImportInput } from "~/trpc/routers/contact-import/create.schema";

/** Checks the uploaded file (encoding, CSV, header) and stores it as a PENDING import. */
export async function createImportHandler({ ctx, input }: { ctx: OrgScopedContext; input: CreateImportInput }) {
  try {
    const created = await createImportFromUpload(ctx.db, {
      organizationId: ctx.org.id,
      userId: ctx.user.id,
      fileName: input.fileName,
      bytes: new Uint8Array(await input.content.arrayBuffer()),
    });
    return { id: created.id, totalRows: created.totalRows };
  } catch (error) {
    if (error instanceof CsvFileError) throw new TRPCError({ code: "BAD_REQUEST", message: error.message });
    throw error;
  }
}
