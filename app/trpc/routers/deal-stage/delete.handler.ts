import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { DeleteStageInput } from "~/trpc/routers/deal-stage/delete.schema";
import { assertCanManagePipeline } from "~/trpc/routers/deal-stage/stage-guards.server";
import { commandScope } from "~/trpc/command-scope.server";
import { deleteDealStage } from "~/services/deal-stage/delete-deal-stage.server";

/** Deletes an empty OPEN stage. The Won and Lost stages stay: the pipeline needs exactly one of each. */
export async function deleteStageHandler({ ctx, input }: { ctx: OrgScopedContext; input: DeleteStageInput }) {
  assertCanManagePipeline(ctx);
  return ctx.db.$transaction((tx) => deleteDealStage(tx, commandScope(ctx), input));
}
