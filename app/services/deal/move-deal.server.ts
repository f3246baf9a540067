// Moving a deal on the board (a card dragged, or the stage selector): to a
// stage, at an index of its column (the top when left out). A new stage sets
// the deal's probability to the stage's, closes it on WON/LOST and reopens it
// (closedAt cleared) on an open stage.
import type { CommandContext, CommandTx } from "~/services/command.server";
import { closedAtFor, dealReferenceRemoved, loadDeal, loadStageRef } from "~/services/deal/deal-refs.server";
import { saveDealChange, type DealChangeResult } from "~/services/deal/save-deal-change.server";
import { isForeignKeyViolation } from "~/utils/prisma-errors.server";

export type MoveDealInput = { dealId: string; stageId: string; position?: number; version: number };

export async function moveDeal(
  tx: CommandTx,
  scope: CommandContext,
  input: MoveDealInput,
): Promise<DealChangeResult & { stageName: string }> {
  const { organizationId } = scope;
  const current = await loadDeal(tx, { organizationId, dealId: input.dealId });
  const stage = await loadStageRef(tx, { organizationId, stageId: input.stageId });
  const stageChanged = stage.id !== current.stageId;
  try {
    const result = await saveDealChange(tx, scope, {
      current,
      version: input.version,
      data: stageChanged ? { stageId: stage.id, probability: stage.probability, closedAt: closedAtFor(stage, current) } : {},
      placement: stageChanged || input.position !== undefined ? { stageId: stage.id, index: input.position } : undefined,
    });
    return { ...result, stageName: stage.name };
  } catch (error) {
    if (isForeignKeyViolation(error)) throw dealReferenceRemoved("That stage");
    throw error;
  }
}
