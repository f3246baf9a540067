import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { GetDealInput } from "~/trpc/routers/deal/get.schema";
import { loadDeal } from "~/services/deal/deal-refs.server";
import { serializeDeal } from "~/trpc/routers/deal/deal-output";

export async function getDealHandler({ ctx, input }: { ctx: OrgScopedContext; input: GetDealInput }) {
  const deal = await loadDeal(ctx.db, { organizationId: ctx.org.id, dealId: input.dealId });
  return {
    ...serializeDeal(deal),
    contactId: deal.contactId,
    companyId: deal.companyId,
    ownerId: deal.ownerId,
    stage: deal.stage,
    updatedBy: deal.updatedBy,
  };
}
