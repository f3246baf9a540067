import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { ImportIdInput } from "~/trpc/routers/contact-import/get.schema";
import { loadImport } from "~/trpc/routers/contact-import/load-import.server";

/** What the failed-rows download needs: the import's columns (the rows themselves are streamed by the route). */
export async function errorReportHandler({ ctx, input }: { ctx: OrgScopedContext; input: ImportIdInput }) {
  const { contactImport, mapping } = await loadImport(ctx, input.id);
  return {
    id: contactImport.id,
    organizationId: ctx.org.id,
    fileName: contactImport.fileName,
    headers: mapping?.headers ?? [],
    failedCount: contactImport.failedCount,
  };
}
