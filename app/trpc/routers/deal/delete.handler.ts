import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { DeleteDealInput } from "~/trpc/routers/deal/delete.schema";
import { DEAL_NOT_FOUND } from "~/trpc/routers/deal/deal-refs.server";
import { canDeleteDeal } from "~/trpc/routers/deal/deal-access";
import { removeDeal } from "~/services/deal-changes.server";
import { userActor } from "~/services/command.server";

export async function deleteDealHandler({ ctx, input }: { ctx: OrgScopedContext; input: DeleteDealInput }) {
  if (!canDeleteDeal(ctx.org.role)) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only managers and above can delete deals." });
  }
  const deleted = await removeDeal(ctx.db, { organizationId: ctx.org.id, actor: userActor(ctx.user.id) }, input);
  if (!deleted) throw new TRPCError({ code: "NOT_FOUND", message: DEAL_NOT_FOUND });
  return { dealId: input.dealId };
}
