// Renaming a stage and setting the probability deals take when they enter it.
// Won is always 100% and Lost 0%, though both may be renamed.
import { findStage, findStageByName, updateStage } from "~/models/deal-stage.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { stageNameTaken, stageNotFound } from "~/services/deal-stage/deal-stage-rules.server";
import { fieldError } from "~/services/field-error.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { isUniqueViolation } from "~/utils/prisma-errors.server";

export async function updateDealStage(
  tx: CommandTx,
  { organizationId }: CommandContext,
  input: { stageId: string; name: string; probability: number },
) {
  const stage = await findStage(tx, { organizationId, stageId: input.stageId });
  if (!stage) throw stageNotFound();
  if (stage.kind === "WON" && input.probability !== 100) {
    throw fieldError("BAD_REQUEST", "probability", "The won stage is always 100%.");
  }
  if (stage.kind === "LOST" && input.probability !== 0) {
    throw fieldError("BAD_REQUEST", "probability", "The lost stage is always 0%.");
  }
  if (await findStageByName(tx, { organizationId, name: input.name, exceptId: stage.id })) throw stageNameTaken(input.name);
  try {
    await updateStage(tx, { organizationId, stageId: stage.id, data: { name: input.name, probability: input.probability } });
  } catch (error) {
    if (isUniqueViolation(error)) throw stageNameTaken(input.name);
    throw error;
  }
  await publishLiveEvent(tx, organizationId, { type: "dealStage.changed" });
  return { ...stage, name: input.name, probability: input.probability };
}
