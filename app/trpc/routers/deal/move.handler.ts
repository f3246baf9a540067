import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { MoveDealInput } from "~/trpc/routers/deal/move.schema";
import { closedAtFor, DEAL_NOT_FOUND, loadDeal, loadStageRef } from "~/trpc/routers/deal/deal-refs.server";
import { canEditDeal } from "~/trpc/routers/deal/deal-access";
import { serializeDeal } from "~/trpc/routers/deal/deal-output";
import { changedByConflict } from "~/trpc/changed-by.server";
import { isForeignKeyViolation } from "~/trpc/routers/deal/prisma-refusals.server";
import { changeDeal } from "~/services/deal-changes.server";
import { userActor } from "~/services/command.server";

/** A card dragged (or moved with the stage selector) to a column: takes the stage's probability, closes on WON/LOST. */
export async function moveDealHandler({ ctx, input }: { ctx: OrgScopedContext; input: MoveDealInput }) {
  const current = await loadDeal(ctx, input.dealId);
  if (!canEditDeal(ctx.org.role, ctx.user.id, current.ownerId)) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Agents can move only their own or unassigned deals." });
  }
  const stage = await loadStageRef(ctx, input.stageId);
  const stageChanged = stage.id !== current.stageId;
  try {
    const result = await changeDeal(
      ctx.db,
      { organizationId: ctx.org.id, actor: userActor(ctx.user.id) },
      {
        dealId: current.id,
        version: input.version,
        data: stageChanged
          ? { stageId: stage.id, probability: stage.probability, closedAt: closedAtFor(stage, current) }
          : {},
        placement: stageChanged || input.position !== undefined ? { stageId: stage.id, index: input.position } : undefined,
      },
    );
    if (result.status === "missing") throw new TRPCError({ code: "NOT_FOUND", message: DEAL_NOT_FOUND });
    if (result.status === "conflict") {
      throw changedByConflict({ who: result.current.updatedBy?.name, when: result.current.updatedAt, timeZone: ctx.org.timeZone });
    }
    return { ...serializeDeal(result.deal), stageName: stage.name };
  } catch (error) {
    if (isForeignKeyViolation(error)) {
      throw new TRPCError({ code: "CONFLICT", message: "That stage was just removed. Reload and try again." });
    }
    throw error;
  }
}
