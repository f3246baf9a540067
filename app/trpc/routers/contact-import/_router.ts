import { orgProcedure, router } from "~/trpc/trpc.server";
import { listContactImports } from "~/models/contact-import.server";
import { createImportSchema } from "~/trpc/routers/contact-import/create.schema";
import { importIdSchema } from "~/trpc/routers/contact-import/get.schema";
import { configureImportSchema } from "~/trpc/routers/contact-import/configure.schema";
import { prepareExportSchema } from "~/trpc/routers/contact-import/prepare-export.schema";
import { createImportHandler } from "~/trpc/routers/contact-import/create.handler";
import { getImportHandler } from "~/trpc/routers/contact-import/get.handler";
import { configureImportHandler, startImportHandler } from "~/trpc/routers/contact-import/configure.handler";
import { errorReportHandler } from "~/trpc/routers/contact-import/error-report.handler";
import { prepareExportHandler } from "~/trpc/routers/contact-import/prepare-export.handler";

// Importing is for managers and above (agents and viewers can't); exporting is for every member.
export const contactImportRouter = router({
  list: orgProcedure("MANAGER").query(({ ctx }) => listContactImports(ctx.db, { organizationId: ctx.org.id })),
  get: orgProcedure("MANAGER").input(importIdSchema).query(getImportHandler),
  create: orgProcedure("MANAGER").input(createImportSchema).mutation(createImportHandler),
  configure: orgProcedure("MANAGER").input(configureImportSchema).mutation(configureImportHandler),
  start: orgProcedure("MANAGER").input(configureImportSchema).mutation(startImportHandler),
  errorReport: orgProcedure("MANAGER").input(importIdSchema).query(errorReportHandler),
  prepareExport: orgProcedure("VIEWER").input(prepareExportSchema).query(prepareExportHandler),
});
