import { orgProcedure, router } from "~/trpc/trpc.server";
import { createStageSchema } from "~/trpc/routers/deal-stage/create.schema";
import { updateStageSchema } from "~/trpc/routers/deal-stage/update.schema";
import { reorderStageSchema } from "~/trpc/routers/deal-stage/reorder.schema";
import { deleteStageSchema } from "~/trpc/routers/deal-stage/delete.schema";
import { listStagesHandler } from "~/trpc/routers/deal-stage/list.handler";
import { createStageHandler } from "~/trpc/routers/deal-stage/create.handler";
import { updateStageHandler } from "~/trpc/routers/deal-stage/update.handler";
import { reorderStageHandler } from "~/trpc/routers/deal-stage/reorder.handler";
import { deleteStageHandler } from "~/trpc/routers/deal-stage/delete.handler";

export const dealStageRouter = router({
  list: orgProcedure("VIEWER").query(listStagesHandler),
  create: orgProcedure("ADMIN").input(createStageSchema).mutation(createStageHandler),
  update: orgProcedure("ADMIN").input(updateStageSchema).mutation(updateStageHandler),
  reorder: orgProcedure("ADMIN").input(reorderStageSchema).mutation(reorderStageHandler),
  delete: orgProcedure("ADMIN").input(deleteStageSchema).mutation(deleteStageHandler),
});
