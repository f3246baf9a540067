import { orgProcedure, router } from "~/trpc/trpc.server";
import { listTagsWithCounts } from "~/models/tag.server";
import { createTagSchema } from "~/trpc/routers/tag/create.schema";
import { createTagHandler } from "~/trpc/routers/tag/create.handler";
import { updateTagSchema } from "~/trpc/routers/tag/update.schema";
import { updateTagHandler } from "~/trpc/routers/tag/update.handler";
import { deleteTagSchema } from "~/trpc/routers/tag/delete.schema";
import { deleteTagHandler } from "~/trpc/routers/tag/delete.handler";

export const tagRouter = router({
  /** Every tag of the organization with its contact count. */
  list: orgProcedure("VIEWER").query(({ ctx }) => listTagsWithCounts(ctx.db, { organizationId: ctx.org.id })),
  create: orgProcedure("ADMIN").input(createTagSchema).mutation(createTagHandler),
  update: orgProcedure("ADMIN").input(updateTagSchema).mutation(updateTagHandler),
  delete: orgProcedure("ADMIN").input(deleteTagSchema).mutation(deleteTagHandler),
});
