// Saving the whole deal (its form): the same rules as creating one, against
// the version the change was made to. Left empty, the probability stays, or
// follows the new stage's default when the stage changes; a new stage puts the
// deal at the top of that column and opens or closes it.
import type { CommandContext, CommandTx } from "~/services/command.server";
import type { DealFields } from "~/services/deal/create-deal.server";
import { closedAtFor, dealReferenceRemoved, loadDeal, loadDealRefs, toDateColumn } from "~/services/deal/deal-refs.server";
import { saveDealChange, type DealChangeResult } from "~/services/deal/save-deal-change.server";
import { isForeignKeyViolation } from "~/utils/prisma-errors.server";

export type UpdateDealInput = DealFields & { dealId: string; version: number };

export async function updateDeal(tx: CommandTx, scope: CommandContext, input: UpdateDealInput): Promise<DealChangeResult> {
  const { organizationId } = scope;
  const current = await loadDeal(tx, { organizationId, dealId: input.dealId });
  const refs = await loadDealRefs(tx, { organizationId }, input);
  const stageChanged = refs.stage.id !== current.stageId;
  try {
    return await saveDealChange(tx, scope, {
      current,
      version: input.version,
      data: {
        title: input.title,
        valuePaise: input.valuePaise,
        stageId: refs.stage.id,
        contactId: refs.contact?.id ?? null,
        companyId: refs.company?.id ?? null,
        ownerId: refs.ownerId,
        expectedCloseDate: toDateColumn(input.expectedCloseDate),
        probability: input.probability ?? (stageChanged ? refs.stage.probability : current.probability),
        closedAt: closedAtFor(refs.stage, current),
      },
      placement: stageChanged ? { stageId: refs.stage.id } : undefined,
    });
  } catch (error) {
    if (isForeignKeyViolation(error)) throw dealReferenceRemoved();
    throw error;
  }
}
