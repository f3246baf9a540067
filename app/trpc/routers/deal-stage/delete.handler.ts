import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { DeleteStageInput } from "~/trpc/routers/deal-stage/delete.schema";
import { assertCanManagePipeline, STAGE_NOT_FOUND } from "~/trpc/routers/deal-stage/stage-guards.server";
import { isForeignKeyViolation } from "~/utils/prisma-errors.server";
import { countDealsInStage, deleteStage, findStage, listStages, lockPipeline, setStageOrder } from "~/models/deal-stage.server";
import { publishLiveEvent } from "~/services/live-events.server";

function stillHasDeals(name: string, count: number) {
  return new TRPCError({
    code: "BAD_REQUEST",
    message: `“${name}” still has ${count === 1 ? "1 deal" : `${count} deals`}. Move or delete ${count === 1 ? "it" : "them"} first, then delete the stage.`,
  });
}

/** Deletes an empty OPEN stage. The Won and Lost stages stay: the pipeline needs exactly one of each. */
export async function deleteStageHandler({ ctx, input }: { ctx: OrgScopedContext; input: DeleteStageInput }) {
  assertCanManagePipeline(ctx);
  const organizationId = ctx.org.id;
  const stage = await findStage(ctx.db, { organizationId, stageId: input.stageId });
  if (!stage) throw new TRPCError({ code: "NOT_FOUND", message: STAGE_NOT_FOUND });
  if (stage.kind !== "OPEN") {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `The pipeline needs exactly one ${stage.kind === "WON" ? "won" : "lost"} stage, so “${stage.name}” can't be deleted. You can rename it.`,
    });
  }
  try {
    await ctx.db.$transaction(async (tx) => {
      await lockPipeline(tx, { organizationId });
      const deals = await countDealsInStage(tx, { organizationId, stageId: stage.id });
      if (deals > 0) throw stillHasDeals(stage.name, deals);
      const { count } = await deleteStage(tx, { organizationId, stageId: stage.id });
      if (count === 0) throw new TRPCError({ code: "NOT_FOUND", message: STAGE_NOT_FOUND });
      const rest = await listStages(tx, { organizationId });
      await setStageOrder(tx, { organizationId, stageIds: rest.map((remaining) => remaining.id) });
      await publishLiveEvent(tx, organizationId, { type: "dealStage.changed" });
    });
  } catch (error) {
    // A deal moved into the stage while we were deleting it.
    if (isForeignKeyViolation(error)) {
      throw stillHasDeals(stage.name, await countDealsInStage(ctx.db, { organizationId, stageId: stage.id }));
    }
    throw error;
  }
  return { stageId: stage.id };
}
