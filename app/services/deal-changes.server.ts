// Writing deals: each change is one transaction with its side effects — who
// wrote it (Deal.updatedById), the linked contact's timeline (what changed,
// before and after) and the live events that refresh open boards and contact
// pages. Shared by the deal procedures and, later, jobs (payments, workflows).
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import {
  deleteDeal,
  findDeal,
  insertDeal,
  lockDeal,
  positionForIndex,
  updateDealIfVersion,
  type DealDetail,
  type DealWrite,
} from "~/models/deal.server";
import { recordContactEvents, type Actor, type ContactEventInput } from "~/services/contact-events.server";
import { dealChangeEvents, dealCreatedEvents, dealDeletedEvents, touchedContacts } from "~/services/deal-events.server";
import { publishLiveEvent } from "~/services/live-events.server";

export type DealScope = { organizationId: string; actor: Actor };

type Tx = Prisma.TransactionClient;

/** Records the events and tells open contact pages that their timelines changed. */
async function recordDealEvents(tx: Tx, scope: DealScope, events: ContactEventInput[]) {
  if (events.length === 0) return;
  await recordContactEvents(tx, scope.organizationId, scope.actor, events);
  await publishLiveEvent(tx, scope.organizationId, { type: "contact.changed", contactIds: touchedContacts(events) });
}

/** Creates a deal at the top of its column; a deal for a contact goes on the contact's timeline. */
export async function createDeal(db: PrismaClient, scope: DealScope, data: DealWrite) {
  return db.$transaction(async (tx) => {
    const position = await positionForIndex(tx, { organizationId: scope.organizationId, stageId: data.stageId });
    const deal = await insertDeal(tx, { organizationId: scope.organizationId, data, position, updatedById: scope.actor.userId });
    await recordDealEvents(tx, scope, dealCreatedEvents(deal));
    await publishLiveEvent(tx, scope.organizationId, { type: "deal.changed", dealId: deal.id });
    return deal;
  });
}

export type DealChangeResult =
  | { status: "saved"; deal: NonNullable<Awaited<ReturnType<typeof findDeal>>> }
  | { status: "missing" }
  | { status: "conflict"; current: Conflicting };

/** The deal as someone else saved it: who and when, for "Changed by … at …". */
type Conflicting = { version: number; updatedAt: Date; updatedBy: { id: string; name: string } | null };

const conflicting = (deal: DealDetail): Conflicting => ({
  version: deal.version,
  updatedAt: deal.updatedAt,
  updatedBy: deal.updatedBy,
});

/**
 * Saves a change made to the deal as it was at `version`. A deal that changed
 * since is left alone and reported as a conflict. When `placement` is given the
 * deal is put at that index (0 = top; top when undefined) of its new column.
 */
export async function changeDeal(
  db: PrismaClient,
  scope: DealScope,
  input: {
    dealId: string;
    version: number;
    data: Partial<DealWrite>;
    placement?: { stageId: string; index?: number };
  },
): Promise<DealChangeResult> {
  const { organizationId } = scope;
  return db.$transaction(async (tx) => {
    const current = await findDeal(tx, { organizationId, dealId: input.dealId });
    if (!current) return { status: "missing" as const };
    if (current.version !== input.version) {
      return { status: "conflict" as const, current: conflicting(current) };
    }
    const position = input.placement
      ? await positionForIndex(tx, {
          organizationId,
          stageId: input.placement.stageId,
          index: input.placement.index,
          excludeDealId: input.dealId,
        })
      : undefined;
    const changed = await updateDealIfVersion(tx, {
      organizationId,
      dealId: input.dealId,
      version: input.version,
      data: position === undefined ? input.data : { ...input.data, position },
      updatedById: scope.actor.userId,
    });
    if (changed === 0) {
      const latest = await findDeal(tx, { organizationId, dealId: input.dealId });
      if (!latest) return { status: "missing" as const };
      return { status: "conflict" as const, current: conflicting(latest) };
    }
    const deal = (await findDeal(tx, { organizationId, dealId: input.dealId }))!;
    await recordDealEvents(tx, scope, dealChangeEvents(current, deal));
    await publishLiveEvent(tx, organizationId, { type: "deal.changed", dealId: input.dealId });
    return { status: "saved" as const, deal };
  });
}

/** Deletes a deal; its contact's timeline keeps a note of what was deleted. */
export async function removeDeal(db: PrismaClient, scope: DealScope, { dealId }: { dealId: string }) {
  const { organizationId } = scope;
  return db.$transaction(async (tx) => {
    // Locked, so the timeline names the deal exactly as it was deleted.
    await lockDeal(tx, { organizationId, dealId });
    const deal = await findDeal(tx, { organizationId, dealId });
    if (!deal) return false;
    await deleteDeal(tx, { organizationId, dealId });
    await recordDealEvents(tx, scope, dealDeletedEvents(deal));
    await publishLiveEvent(tx, organizationId, { type: "deal.changed", dealId });
    return true;
  });
}
