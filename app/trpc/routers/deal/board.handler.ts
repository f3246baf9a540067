import type { OrgScopedContext } from "~/trpc/trpc.server";
import { BOARD_COLUMN_PAGE, type DealBoardInput } from "~/trpc/routers/deal/board.schema";
import { serializeDeal } from "~/trpc/routers/deal/deal-output";
import { columnDeals, dealForecast, stageTotals } from "~/models/deal.server";
import { ensureDefaultPipeline, listStages } from "~/models/deal-stage.server";
import { monthStart, now } from "~/utils/clock";

/** Every column of the pipeline with its first pages of deals and its totals, and the forecast. */
export async function dealBoardHandler({ ctx, input }: { ctx: OrgScopedContext; input: DealBoardInput }) {
  const organizationId = ctx.org.id;
  await ensureDefaultPipeline(ctx.db, { organizationId });
  const [stages, totals, forecast] = await Promise.all([
    listStages(ctx.db, { organizationId }),
    stageTotals(ctx.db, { organizationId }),
    dealForecast(ctx.db, { organizationId, monthStart: monthStart(now(), ctx.org.timeZone) }),
  ]);
  const totalsByStage = new Map(totals.map((row) => [row.stageId, row]));
  const columns = await Promise.all(
    stages.map(async (stage) => {
      const pages = input.pages[stage.id] ?? 1;
      const deals = await columnDeals(ctx.db, { organizationId, stageId: stage.id, take: pages * BOARD_COLUMN_PAGE });
      const sums = totalsByStage.get(stage.id);
      const count = sums?.count ?? 0;
      return {
        id: stage.id,
        name: stage.name,
        kind: stage.kind,
        probability: stage.probability,
        count,
        totalPaise: (sums?.totalPaise ?? 0n).toString(),
        weightedPaise: (sums?.weightedPaise ?? 0n).toString(),
        pages,
        hasMore: count > deals.length,
        deals: deals.map(serializeDeal),
      };
    }),
  );
  return {
    columns,
    forecast: {
      openCount: forecast.openCount,
      openPaise: forecast.openPaise.toString(),
      weightedPaise: forecast.weightedPaise.toString(),
      wonThisMonthCount: forecast.wonThisMonthCount,
      wonThisMonthPaise: forecast.wonThisMonthPaise.toString(),
    },
  };
}
