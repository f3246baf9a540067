import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { UpdateDealInput } from "~/trpc/routers/deal/update.schema";
import { canEditDeal } from "~/trpc/routers/deal/deal-access";
import { serializeDeal } from "~/trpc/routers/deal/deal-output";
import { changedByConflict } from "~/trpc/changed-by.server";
import { commandScope } from "~/trpc/command-scope.server";
import { loadDeal } from "~/services/deal/deal-refs.server";
import { updateDeal } from "~/services/deal/update-deal.server";

export async function updateDealHandler({ ctx, input }: { ctx: OrgScopedContext; input: UpdateDealInput }) {
  const current = await loadDeal(ctx.db, { organizationId: ctx.org.id, dealId: input.dealId });
  if (!canEditDeal(ctx.org.role, ctx.user.id, current.ownerId)) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Agents can change only their own or unassigned deals." });
  }
  const { value, ...fields } = input;
  const result = await ctx.db.$transaction((tx) => updateDeal(tx, commandScope(ctx), { ...fields, valuePaise: value }));
  if (result.status === "conflict") {
    throw changedByConflict({ who: result.current.updatedBy?.name, when: result.current.updatedAt, timeZone: ctx.org.timeZone });
  }
  return serializeDeal(result.deal);
}
