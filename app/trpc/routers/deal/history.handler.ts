import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { DealHistoryInput } from "~/trpc/routers/deal/history.schema";
import { loadDeal } from "~/services/deal/deal-refs.server";
import { listDealHistory } from "~/models/deal.server";

/** How many of the latest events the deal page shows. */
export const DEAL_HISTORY_SIZE = 20;

/**
 * The deal's latest history: the timeline events of the contacts it was linked
 * to that name it, shaped like the contact timeline's items. A deal that never
 * had a contact has none.
 */
export async function dealHistoryHandler({ ctx, input }: { ctx: OrgScopedContext; input: DealHistoryInput }) {
  const deal = await loadDeal(ctx.db, { organizationId: ctx.org.id, dealId: input.dealId });
  const rows = await listDealHistory(ctx.db, { organizationId: ctx.org.id, dealId: deal.id, take: DEAL_HISTORY_SIZE });
  return {
    items: rows.map((row) => ({
      id: row.id,
      type: row.type,
      createdAt: row.createdAt,
      actor: row.actorId && row.actorName ? { id: row.actorId, name: row.actorName } : null,
      actorLabel: row.actorLabel,
      data: row.data ?? {},
    })),
  };
}
