import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { CreateDealInput } from "~/trpc/routers/deal/create.schema";
import { canCreateDeal } from "~/trpc/routers/deal/deal-access";
import { serializeDeal } from "~/trpc/routers/deal/deal-output";
import { commandScope } from "~/trpc/command-scope.server";
import { createDeal } from "~/services/deal/create-deal.server";

export async function createDealHandler({ ctx, input }: { ctx: OrgScopedContext; input: CreateDealInput }) {
  if (!canCreateDeal(ctx.org.role)) throw new TRPCError({ code: "FORBIDDEN", message: "Your role can't create deals." });
  const { value, ...fields } = input;
  const deal = await ctx.db.$transaction((tx) => createDeal(tx, commandScope(ctx), { ...fields, valuePaise: value }));
  return serializeDeal(deal);
}
