// Adding a stage to the pipeline: an OPEN stage right after the last open one
// (before Won and Lost in the default pipeline), at most MAX_STAGES in all.
import {
  createDefaultPipeline,
  findStageByName,
  insertStage,
  listStages,
  lockPipeline,
  setStageOrder,
} from "~/models/deal-stage.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { stageNameTaken } from "~/services/deal-stage/deal-stage-rules.server";
import { fieldError } from "~/services/field-error.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { isUniqueViolation } from "~/utils/prisma-errors.server";

export const MAX_STAGES = 20;

export async function createDealStage(
  tx: CommandTx,
  { organizationId }: CommandContext,
  input: { name: string; probability: number },
) {
  await lockPipeline(tx, { organizationId });
  let stages = await listStages(tx, { organizationId });
  if (stages.length === 0) {
    // An organization from before pipelines: its default stages come first.
    await createDefaultPipeline(tx, { organizationId });
    stages = await listStages(tx, { organizationId });
  }
  if (stages.length >= MAX_STAGES) {
    throw fieldError("BAD_REQUEST", "name", `A pipeline can have at most ${MAX_STAGES} stages.`);
  }
  if (await findStageByName(tx, { organizationId, name: input.name })) throw stageNameTaken(input.name);
  let created;
  try {
    created = await insertStage(tx, { organizationId, name: input.name, probability: input.probability, kind: "OPEN", position: stages.length });
  } catch (error) {
    if (isUniqueViolation(error)) throw stageNameTaken(input.name);
    throw error;
  }
  const lastOpen = stages.findLastIndex((existing) => existing.kind === "OPEN");
  const order = stages.map((existing) => existing.id);
  order.splice(lastOpen + 1, 0, created.id);
  await setStageOrder(tx, { organizationId, stageIds: order });
  await publishLiveEvent(tx, organizationId, { type: "dealStage.changed" });
  return { ...created, position: lastOpen + 1 };
}
