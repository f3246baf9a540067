import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { CreateStageInput } from "~/trpc/routers/deal-stage/create.schema";
import { assertCanManagePipeline, stageOutput } from "~/trpc/routers/deal-stage/stage-guards.server";
import { fieldError } from "~/services/field-error.server";
import {
  ensureDefaultPipeline,
  findStageByName,
  insertStage,
  listStages,
  lockPipeline,
  setStageOrder,
} from "~/models/deal-stage.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { isUniqueViolation } from "~/utils/prisma-errors.server";

export const MAX_STAGES = 20;

/** Adds an OPEN stage right after the last open stage (before Won and Lost in the default pipeline). */
export async function createStageHandler({ ctx, input }: { ctx: OrgScopedContext; input: CreateStageInput }) {
  assertCanManagePipeline(ctx);
  const organizationId = ctx.org.id;
  await ensureDefaultPipeline(ctx.db, { organizationId });
  try {
    const stage = await ctx.db.$transaction(async (tx) => {
      await lockPipeline(tx, { organizationId });
      const stages = await listStages(tx, { organizationId });
      if (stages.length >= MAX_STAGES) {
        throw fieldError("BAD_REQUEST", "name", `A pipeline can have at most ${MAX_STAGES} stages.`);
      }
      if (await findStageByName(tx, { organizationId, name: input.name })) {
        throw fieldError("CONFLICT", "name", `There is already a stage called “${input.name}”.`);
      }
      const created = await insertStage(tx, {
        organizationId,
        name: input.name,
        probability: input.probability,
        kind: "OPEN",
        position: stages.length,
      });
      const lastOpen = stages.findLastIndex((existing) => existing.kind === "OPEN");
      const order = stages.map((existing) => existing.id);
      order.splice(lastOpen + 1, 0, created.id);
      await setStageOrder(tx, { organizationId, stageIds: order });
      await publishLiveEvent(tx, organizationId, { type: "dealStage.changed" });
      return { ...created, position: lastOpen + 1 };
    });
    return stageOutput(stage);
  } catch (error) {
    if (isUniqueViolation(error)) throw fieldError("CONFLICT", "name", `There is already a stage called “${input.name}”.`);
    throw error;
  }
}
