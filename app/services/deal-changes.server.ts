// Writing deals: each change is one transaction with its side effects — the
// contact's timeline and the live event that refreshes every open board.
// Shared by the deal procedures and, later, jobs (payments, workflows).
import type { PrismaClient } from "~/generated/prisma/client";
import {
  deleteDeal,
  findDeal,
  insertDeal,
  positionForIndex,
  updateDealIfVersion,
  type DealWrite,
} from "~/models/deal.server";
import { recordContactEvents, type Actor } from "~/services/contact-events.server";
import { publishLiveEvent } from "~/services/live-events.server";

export type DealScope = { organizationId: string; actor: Actor };

/** Creates a deal at the top of its column; a deal for a contact goes on the contact's timeline. */
export async function createDeal(db: PrismaClient, scope: DealScope, data: DealWrite & { stageName: string }) {
  const { stageName, ...write } = data;
  return db.$transaction(async (tx) => {
    const position = await positionForIndex(tx, { organizationId: scope.organizationId, stageId: write.stageId });
    const deal = await insertDeal(tx, { organizationId: scope.organizationId, data: write, position });
    if (deal.contactId) {
      await recordContactEvents(tx, scope.organizationId, scope.actor, [
        {
          contactId: deal.contactId,
          type: "DEAL_CREATED",
          data: {
            dealId: deal.id,
            title: deal.title,
            valuePaise: deal.valuePaise.toString(),
            stage: stageName,
            probability: deal.probability,
          },
        },
      ]);
    }
    await publishLiveEvent(tx, scope.organizationId, { type: "deal.changed", dealId: deal.id });
    return deal;
  });
}

export type DealChangeResult =
  | { status: "saved"; deal: NonNullable<Awaited<ReturnType<typeof findDeal>>> }
  | { status: "missing" }
  | { status: "conflict"; current: { version: number; updatedAt: Date } };

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
      return { status: "conflict" as const, current: { version: current.version, updatedAt: current.updatedAt } };
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
    });
    if (changed === 0) {
      const latest = await findDeal(tx, { organizationId, dealId: input.dealId });
      if (!latest) return { status: "missing" as const };
      return { status: "conflict" as const, current: { version: latest.version, updatedAt: latest.updatedAt } };
    }
    await publishLiveEvent(tx, organizationId, { type: "deal.changed", dealId: input.dealId });
    const deal = await findDeal(tx, { organizationId, dealId: input.dealId });
    return { status: "saved" as const, deal: deal! };
  });
}

export async function removeDeal(db: PrismaClient, scope: DealScope, { dealId }: { dealId: string }) {
  return db.$transaction(async (tx) => {
    const { count } = await deleteDeal(tx, { organizationId: scope.organizationId, dealId });
    if (count > 0) await publishLiveEvent(tx, scope.organizationId, { type: "deal.changed", dealId });
    return count > 0;
  });
}
