import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { ReorderStageInput } from "~/trpc/routers/deal-stage/reorder.schema";
import { assertCanManagePipeline, STAGE_NOT_FOUND, stageOutput } from "~/trpc/routers/deal-stage/stage-guards.server";
import { listStages, lockPipeline, setStageOrder } from "~/models/deal-stage.server";
import { publishLiveEvent } from "~/services/live-events.server";

/** Moves a stage to index `to` (clamped to the pipeline); returns the new order. */
export async function reorderStageHandler({ ctx, input }: { ctx: OrgScopedContext; input: ReorderStageInput }) {
  assertCanManagePipeline(ctx);
  const organizationId = ctx.org.id;
  const stages = await ctx.db.$transaction(async (tx) => {
    await lockPipeline(tx, { organizationId });
    const current = await listStages(tx, { organizationId });
    const from = current.findIndex((stage) => stage.id === input.stageId);
    if (from === -1) throw new TRPCError({ code: "NOT_FOUND", message: STAGE_NOT_FOUND });
    const order = current.map((stage) => stage.id);
    const [moved] = order.splice(from, 1);
    order.splice(Math.min(input.to, order.length), 0, moved!);
    await setStageOrder(tx, { organizationId, stageIds: order });
    await publishLiveEvent(tx, organizationId, { type: "dealStage.changed" });
    return listStages(tx, { organizationId });
  });
  return stages.map(stageOutput);
}
