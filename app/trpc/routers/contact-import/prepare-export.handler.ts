import type { z } from "zod";
import { exportFileName } from "~/services/contact-export.server";
import { now } from "~/utils/clock";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { prepareExportSchema } from "~/trpc/routers/contact-import/prepare-export.schema";

/**
 * Authorizes a CSV export and fixes its scope to the caller's organization.
 * The route streams the rows with exportContactsCsv (a stream can't be a procedure's result).
 */
export async function prepareExportHandler({ ctx, input }: { ctx: OrgScopedContext; input: z.output<typeof prepareExportSchema> }) {
  return {
    scope: { organizationId: ctx.org.id, userId: ctx.user.id },
    filter: input.filter,
    sort: input.sort,
    dir: input.dir,
    fileName: exportFileName(now(), ctx.org.timeZone),
  };
}
