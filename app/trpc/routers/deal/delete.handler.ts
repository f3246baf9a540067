import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { DeleteDealInput } from "~/trpc/routers/deal/delete.schema";
import { canDeleteDeal } from "~/trpc/routers/deal/deal-access";
import { commandScope } from "~/trpc/command-scope.server";
import { deleteDeal } from "~/services/deal/delete-deal.server";

export async function deleteDealHandler({ ctx, input }: { ctx: OrgScopedContext; input: DeleteDealInput }) {
  if (!canDeleteDeal(ctx.org.role)) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only managers and above can delete deals." });
  }
  return ctx.db.$transaction((tx) => deleteDeal(tx, commandScope(ctx), input));
}
