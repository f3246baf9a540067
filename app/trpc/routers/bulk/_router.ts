import { orgProcedure, router } from "~/trpc/trpc.server";
import { bulkRunSchema } from "~/domain/bulk/bulk-run.schema";
import { bulkCountSchema } from "~/trpc/routers/bulk/count.schema";
import { getBulkOperationSchema } from "~/trpc/routers/bulk/get.schema";
import { runBulkHandler } from "~/trpc/routers/bulk/run.handler";
import { bulkCountHandler } from "~/trpc/routers/bulk/count.handler";
import { getBulkOperationHandler } from "~/trpc/routers/bulk/get.handler";

export const bulkRouter = router({
  /** bulk.run ("apply" is reserved by tRPC). MANAGER+ (checked in the handler, so AGENT and VIEWER get a clear FORBIDDEN). */
  run: orgProcedure("VIEWER").input(bulkRunSchema).mutation(runBulkHandler),
  count: orgProcedure("VIEWER").input(bulkCountSchema).query(bulkCountHandler),
  get: orgProcedure("VIEWER").input(getBulkOperationSchema).query(getBulkOperationHandler),
});
