import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { UpdateStageInput } from "~/trpc/routers/deal-stage/update.schema";
import { assertCanManagePipeline, stageOutput } from "~/trpc/routers/deal-stage/stage-guards.server";
import { commandScope } from "~/trpc/command-scope.server";
import { updateDealStage } from "~/services/deal-stage/update-deal-stage.server";

/** Renames a stage and sets its default probability. Won is always 100% and Lost 0%. */
export async function updateStageHandler({ ctx, input }: { ctx: OrgScopedContext; input: UpdateStageInput }) {
  assertCanManagePipeline(ctx);
  const stage = await ctx.db.$transaction((tx) => updateDealStage(tx, commandScope(ctx), input));
  return stageOutput(stage);
}
