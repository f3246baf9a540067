import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { UpdateStageInput } from "~/trpc/routers/deal-stage/update.schema";
import { assertCanManagePipeline, STAGE_NOT_FOUND, stageOutput } from "~/trpc/routers/deal-stage/stage-guards.server";
import { fieldError } from "~/services/field-error.server";
import { findStage, findStageByName, updateStage } from "~/models/deal-stage.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { isUniqueViolation } from "~/utils/prisma-errors.server";

/** Renames a stage and sets its default probability. Won is always 100% and Lost 0%. */
export async function updateStageHandler({ ctx, input }: { ctx: OrgScopedContext; input: UpdateStageInput }) {
  assertCanManagePipeline(ctx);
  const organizationId = ctx.org.id;
  const stage = await findStage(ctx.db, { organizationId, stageId: input.stageId });
  if (!stage) throw new TRPCError({ code: "NOT_FOUND", message: STAGE_NOT_FOUND });
  if (stage.kind === "WON" && input.probability !== 100) {
    throw fieldError("BAD_REQUEST", "probability", "The won stage is always 100%.");
  }
  if (stage.kind === "LOST" && input.probability !== 0) {
    throw fieldError("BAD_REQUEST", "probability", "The lost stage is always 0%.");
  }
  if (await findStageByName(ctx.db, { organizationId, name: input.name, exceptId: stage.id })) {
    throw fieldError("CONFLICT", "name", `There is already a stage called “${input.name}”.`);
  }
  try {
    await ctx.db.$transaction(async (tx) => {
      await updateStage(tx, {
        organizationId,
        stageId: stage.id,
        data: { name: input.name, probability: input.probability },
      });
      await publishLiveEvent(tx, organizationId, { type: "dealStage.changed" });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw fieldError("CONFLICT", "name", `There is already a stage called “${input.name}”.`);
    throw error;
  }
  return stageOutput({ ...stage, name: input.name, probability: input.probability });
}
