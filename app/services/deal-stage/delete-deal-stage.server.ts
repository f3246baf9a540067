// Deleting an empty OPEN stage and closing the gap. The Won and Lost stages
// stay: the pipeline needs exactly one of each.
import { TRPCError } from "@trpc/server";
import { countDealsInStage, deleteStage, findStage, listStages, lockPipeline, lockStage, setStageOrder } from "~/models/deal-stage.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { stageNotFound } from "~/services/deal-stage/deal-stage-rules.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { isForeignKeyViolation } from "~/utils/prisma-errors.server";

function stillHasDeals(name: string, count: number | null) {
  const deals = count === null ? "deals" : count === 1 ? "1 deal" : `${count} deals`;
  return new TRPCError({
    code: "BAD_REQUEST",
    message: `“${name}” still has ${deals}. Move or delete ${count === 1 ? "it" : "them"} first, then delete the stage.`,
  });
}

export async function deleteDealStage(tx: CommandTx, { organizationId }: CommandContext, { stageId }: { stageId: string }) {
  await lockPipeline(tx, { organizationId });
  // Locked, so no deal enters the stage between counting its deals and deleting it.
  await lockStage(tx, { organizationId, stageId });
  const stage = await findStage(tx, { organizationId, stageId });
  if (!stage) throw stageNotFound();
  if (stage.kind !== "OPEN") {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `The pipeline needs exactly one ${stage.kind === "WON" ? "won" : "lost"} stage, so “${stage.name}” can't be deleted. You can rename it.`,
    });
  }
  const deals = await countDealsInStage(tx, { organizationId, stageId: stage.id });
  if (deals > 0) throw stillHasDeals(stage.name, deals);
  try {
    await deleteStage(tx, { organizationId, stageId: stage.id });
  } catch (error) {
    if (isForeignKeyViolation(error)) throw stillHasDeals(stage.name, null);
    throw error;
  }
  const rest = await listStages(tx, { organizationId });
  await setStageOrder(tx, { organizationId, stageIds: rest.map((remaining) => remaining.id) });
  await publishLiveEvent(tx, organizationId, { type: "dealStage.changed" });
  return { stageId: stage.id };
}
