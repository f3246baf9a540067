import type { OrgScopedContext } from "~/trpc/trpc.server";
import { LIST_PAGE_SIZE, type DealListInput } from "~/trpc/routers/deal/board.schema";
import { serializeDeal } from "~/trpc/routers/deal/deal-output";
import { listDeals } from "~/models/deal.server";
import { ensureDefaultPipeline, listStages } from "~/models/deal-stage.server";

/** The table view: a page of deals (optionally one stage's), sorted. */
export async function listDealsHandler({ ctx, input }: { ctx: OrgScopedContext; input: DealListInput }) {
  const organizationId = ctx.org.id;
  await ensureDefaultPipeline(ctx.db, { organizationId });
  const [stages, { total, deals }] = await Promise.all([
    listStages(ctx.db, { organizationId }),
    listDeals(ctx.db, { organizationId, stageId: input.stageId, sort: input.sort, page: input.page, perPage: LIST_PAGE_SIZE }),
  ]);
  return {
    total,
    page: input.page,
    pageCount: Math.max(1, Math.ceil(total / LIST_PAGE_SIZE)),
    stages: stages.map((stage) => ({ id: stage.id, name: stage.name, kind: stage.kind })),
    deals: deals.map((deal) => ({ ...serializeDeal(deal), stage: deal.stage })),
  };
}
