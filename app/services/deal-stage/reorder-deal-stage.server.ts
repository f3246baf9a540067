// Moving a stage to index `to` of the pipeline (clamped to its length).
import { listStages, lockPipeline, setStageOrder } from "~/models/deal-stage.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { stageNotFound } from "~/services/deal-stage/deal-stage-rules.server";
import { publishLiveEvent } from "~/services/live-events.server";

/** Returns the stages in their new order. */
export async function reorderDealStage(tx: CommandTx, { organizationId }: CommandContext, input: { stageId: string; to: number }) {
  await lockPipeline(tx, { organizationId });
  const current = await listStages(tx, { organizationId });
  const from = current.findIndex((stage) => stage.id === input.stageId);
  if (from === -1) throw stageNotFound();
  const order = current.map((stage) => stage.id);
  const [moved] = order.splice(from, 1);
  order.splice(Math.min(input.to, order.length), 0, moved!);
  await setStageOrder(tx, { organizationId, stageIds: order });
  await publishLiveEvent(tx, organizationId, { type: "dealStage.changed" });
  return listStages(tx, { organizationId });
}
