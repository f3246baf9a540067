import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { ReorderStageInput } from "~/trpc/routers/deal-stage/reorder.schema";
import { assertCanManagePipeline, stageOutput } from "~/trpc/routers/deal-stage/stage-guards.server";
import { commandScope } from "~/trpc/command-scope.server";
import { reorderDealStage } from "~/services/deal-stage/reorder-deal-stage.server";

/** Moves a stage to index `to` (clamped to the pipeline); returns the new order. */
export async function reorderStageHandler({ ctx, input }: { ctx: OrgScopedContext; input: ReorderStageInput }) {
  assertCanManagePipeline(ctx);
  const stages = await ctx.db.$transaction((tx) => reorderDealStage(tx, commandScope(ctx), input));
  return stages.map(stageOutput);
}
