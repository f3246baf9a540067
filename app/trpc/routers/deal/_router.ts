import { orgProcedure, router } from "~/trpc/trpc.server";
import { dealBoardSchema, dealListSchema } from "~/trpc/routers/deal/board.schema";
import { createDealSchema } from "~/trpc/routers/deal/create.schema";
import { updateDealSchema } from "~/trpc/routers/deal/update.schema";
import { moveDealSchema } from "~/trpc/routers/deal/move.schema";
import { deleteDealSchema } from "~/trpc/routers/deal/delete.schema";
import { getDealSchema } from "~/trpc/routers/deal/get.schema";
import { dealFormOptionsSchema } from "~/trpc/routers/deal/form-options.schema";
import { dealHistorySchema } from "~/trpc/routers/deal/history.schema";
import { dealBoardHandler } from "~/trpc/routers/deal/board.handler";
import { listDealsHandler } from "~/trpc/routers/deal/list.handler";
import { getDealHandler } from "~/trpc/routers/deal/get.handler";
import { dealFormOptionsHandler } from "~/trpc/routers/deal/form-options.handler";
import { dealHistoryHandler } from "~/trpc/routers/deal/history.handler";
import { createDealHandler } from "~/trpc/routers/deal/create.handler";
import { updateDealHandler } from "~/trpc/routers/deal/update.handler";
import { moveDealHandler } from "~/trpc/routers/deal/move.handler";
import { deleteDealHandler } from "~/trpc/routers/deal/delete.handler";

export const dealRouter = router({
  board: orgProcedure("VIEWER").input(dealBoardSchema).query(dealBoardHandler),
  list: orgProcedure("VIEWER").input(dealListSchema).query(listDealsHandler),
  get: orgProcedure("VIEWER").input(getDealSchema).query(getDealHandler),
  formOptions: orgProcedure("VIEWER").input(dealFormOptionsSchema).query(dealFormOptionsHandler),
  history: orgProcedure("VIEWER").input(dealHistorySchema).query(dealHistoryHandler),
  create: orgProcedure("AGENT").input(createDealSchema).mutation(createDealHandler),
  update: orgProcedure("AGENT").input(updateDealSchema).mutation(updateDealHandler),
  move: orgProcedure("AGENT").input(moveDealSchema).mutation(moveDealHandler),
  delete: orgProcedure("MANAGER").input(deleteDealSchema).mutation(deleteDealHandler),
});
