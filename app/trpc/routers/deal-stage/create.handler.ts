import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { CreateStageInput } from "~/trpc/routers/deal-stage/create.schema";
import { assertCanManagePipeline, stageOutput } from "~/trpc/routers/deal-stage/stage-guards.server";
import { commandScope } from "~/trpc/command-scope.server";
import { createDealStage } from "~/services/deal-stage/create-deal-stage.server";

/** Adds an OPEN stage right after the last open stage (before Won and Lost in the default pipeline). */
export async function createStageHandler({ ctx, input }: { ctx: OrgScopedContext; input: CreateStageInput }) {
  assertCanManagePipeline(ctx);
  const stage = await ctx.db.$transaction((tx) => createDealStage(tx, commandScope(ctx), input));
  return stageOutput(stage);
}
