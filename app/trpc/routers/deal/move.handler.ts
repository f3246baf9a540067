import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { MoveDealInput } from "~/trpc/routers/deal/move.schema";
import { canEditDeal } from "~/trpc/routers/deal/deal-access";
import { serializeDeal } from "~/trpc/routers/deal/deal-output";
import { changedByConflict } from "~/trpc/changed-by.server";
import { commandScope } from "~/trpc/command-scope.server";
import { loadDeal } from "~/services/deal/deal-refs.server";
import { moveDeal } from "~/services/deal/move-deal.server";

/** A card dragged (or moved with the stage selector) to a column. */
export async function moveDealHandler({ ctx, input }: { ctx: OrgScopedContext; input: MoveDealInput }) {
  const current = await loadDeal(ctx.db, { organizationId: ctx.org.id, dealId: input.dealId });
  if (!canEditDeal(ctx.org.role, ctx.user.id, current.ownerId)) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Agents can move only their own or unassigned deals." });
  }
  const result = await ctx.db.$transaction((tx) => moveDeal(tx, commandScope(ctx), input));
  if (result.status === "conflict") {
    throw changedByConflict({ who: result.current.updatedBy?.name, when: result.current.updatedAt, timeZone: ctx.org.timeZone });
  }
  return { ...serializeDeal(result.deal), stageName: result.stageName };
}
