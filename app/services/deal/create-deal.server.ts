// Creating a deal: its stage, contact, company and owner must be the
// organization's; it goes at the top of its column, takes the stage's
// probability unless given one, and a deal for a contact goes on the contact's timeline.
import { insertDeal, positionForIndex, type DealDetail } from "~/models/deal.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { dealCreatedEvents } from "~/services/deal/deal-events.server";
import { closedAtFor, dealReferenceRemoved, loadDealRefs, toDateColumn } from "~/services/deal/deal-refs.server";
import { recordDealEvents } from "~/services/deal/save-deal-change.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { isForeignKeyViolation } from "~/utils/prisma-errors.server";

/** A deal as a form, a job or a workflow step describes it; a left-out contact, company or owner means none. */
export type DealFields = {
  title: string;
  valuePaise: bigint;
  stageId: string;
  contactId?: string | null;
  companyId?: string | null;
  ownerId?: string | null;
  /** A calendar date, "2026-12-31". */
  expectedCloseDate?: string | null;
  /** 0–100; left out, the stage's default probability. */
  probability?: number | null;
};

export async function createDeal(tx: CommandTx, scope: CommandContext, input: DealFields): Promise<DealDetail> {
  const { organizationId } = scope;
  const refs = await loadDealRefs(tx, { organizationId }, input);
  let deal: DealDetail;
  try {
    const position = await positionForIndex(tx, { organizationId, stageId: refs.stage.id });
    deal = await insertDeal(tx, {
      organizationId,
      position,
      updatedById: scope.actor.userId,
      data: {
        title: input.title,
        valuePaise: input.valuePaise,
        stageId: refs.stage.id,
        contactId: refs.contact?.id ?? null,
        companyId: refs.company?.id ?? null,
        ownerId: refs.ownerId,
        expectedCloseDate: toDateColumn(input.expectedCloseDate),
        probability: input.probability ?? refs.stage.probability,
        closedAt: closedAtFor(refs.stage, null),
      },
    });
  } catch (error) {
    if (isForeignKeyViolation(error)) throw dealReferenceRemoved();
    throw error;
  }
  await recordDealEvents(tx, scope, dealCreatedEvents(deal));
  await publishLiveEvent(tx, organizationId, { type: "deal.changed", dealId: deal.id });
  return deal;
}
