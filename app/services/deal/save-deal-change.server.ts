// Saving a change to a deal inside the caller's transaction, with its side
// effects: who wrote it (Deal.updatedById), the linked contacts' timelines
// (what changed, before and after) and the live events that refresh open
// boards and contact pages. The deal commands (update, move) build on it.
import { findDeal, positionForIndex, updateDealIfVersion, type DealDetail, type DealWrite } from "~/models/deal.server";
import { recordContactEvents, type ContactEventInput } from "~/services/contact-events.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { dealChangeEvents, touchedContacts } from "~/services/deal/deal-events.server";
import { dealNotFound } from "~/services/deal/deal-refs.server";
import { publishLiveEvent } from "~/services/live-events.server";

/** Records the events and tells open contact pages that their timelines changed. */
export async function recordDealEvents(tx: CommandTx, scope: CommandContext, events: ContactEventInput[]) {
  if (events.length === 0) return;
  await recordContactEvents(tx, scope.organizationId, scope.actor, events);
  await publishLiveEvent(tx, scope.organizationId, { type: "contact.changed", contactIds: touchedContacts(events) });
}

/** The deal as someone else saved it: who and when, for "Changed by … at …". */
export type DealConflict = { version: number; updatedAt: Date; updatedBy: { id: string; name: string } | null };

/**
 * A saved change, or a refusal because the deal changed since the version the
 * change was made to (a caller decides what to tell whom; nothing was written).
 */
export type DealChangeResult = { status: "saved"; deal: DealDetail } | { status: "conflict"; current: DealConflict };

const conflicting = (deal: DealDetail): DealConflict => ({
  version: deal.version,
  updatedAt: deal.updatedAt,
  updatedBy: deal.updatedBy,
});

/**
 * Saves a change made to the deal as it was at `version` (`current` is the deal
 * as read in this transaction). A deal that changed since is left alone and
 * reported as a conflict; a deal deleted meanwhile is NOT_FOUND. When
 * `placement` is given the deal is put at that index (0 = top; top when
 * undefined) of its new column.
 */
export async function saveDealChange(
  tx: CommandTx,
  scope: CommandContext,
  input: {
    current: DealDetail;
    version: number;
    data: Partial<DealWrite>;
    placement?: { stageId: string; index?: number };
  },
): Promise<DealChangeResult> {
  const { organizationId } = scope;
  const { current } = input;
  if (current.version !== input.version) return { status: "conflict", current: conflicting(current) };
  const position = input.placement
    ? await positionForIndex(tx, {
        organizationId,
        stageId: input.placement.stageId,
        index: input.placement.index,
        excludeDealId: current.id,
      })
    : undefined;
  const changed = await updateDealIfVersion(tx, {
    organizationId,
    dealId: current.id,
    version: input.version,
    data: position === undefined ? input.data : { ...input.data, position },
    updatedById: scope.actor.userId,
  });
  if (changed === 0) {
    const latest = await findDeal(tx, { organizationId, dealId: current.id });
    if (!latest) throw dealNotFound();
    return { status: "conflict", current: conflicting(latest) };
  }
  const deal = (await findDeal(tx, { organizationId, dealId: current.id }))!;
  await recordDealEvents(tx, scope, dealChangeEvents(current, deal));
  await publishLiveEvent(tx, organizationId, { type: "deal.changed", dealId: current.id });
  return { status: "saved", deal };
}
