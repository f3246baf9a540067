import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { UpdateDealInput } from "~/trpc/routers/deal/update.schema";
import { closedAtFor, DEAL_NOT_FOUND, loadDeal, loadDealRefs, toDateColumn } from "~/trpc/routers/deal/deal-refs.server";
import { canEditDeal } from "~/trpc/routers/deal/deal-access";
import { serializeDeal } from "~/trpc/routers/deal/deal-output";
import { changedByConflict } from "~/trpc/changed-by.server";
import { isForeignKeyViolation } from "~/trpc/routers/deal/prisma-refusals.server";
import { changeDeal } from "~/services/deal-changes.server";
import { userActor } from "~/services/command.server";

export async function updateDealHandler({ ctx, input }: { ctx: OrgScopedContext; input: UpdateDealInput }) {
  const current = await loadDeal(ctx, input.dealId);
  if (!canEditDeal(ctx.org.role, ctx.user.id, current.ownerId)) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Agents can change only their own or unassigned deals." });
  }
  const refs = await loadDealRefs(ctx, input);
  const stageChanged = refs.stage.id !== current.stageId;
  // Left empty, the probability stays — or follows the new stage's default.
  const probability = input.probability ?? (stageChanged ? refs.stage.probability : current.probability);
  try {
    const result = await changeDeal(
      ctx.db,
      { organizationId: ctx.org.id, actor: userActor(ctx.user.id) },
      {
        dealId: current.id,
        version: input.version,
        data: {
          title: input.title,
          valuePaise: input.value,
          stageId: refs.stage.id,
          contactId: refs.contact?.id ?? null,
          companyId: refs.company?.id ?? null,
          ownerId: refs.ownerId,
          expectedCloseDate: toDateColumn(input.expectedCloseDate),
          probability,
          closedAt: closedAtFor(refs.stage, current),
        },
        placement: stageChanged ? { stageId: refs.stage.id } : undefined,
      },
    );
    if (result.status === "missing") throw new TRPCError({ code: "NOT_FOUND", message: DEAL_NOT_FOUND });
    if (result.status === "conflict") {
      throw changedByConflict({ who: result.current.updatedBy?.name, when: result.current.updatedAt, timeZone: ctx.org.timeZone });
    }
    return serializeDeal(result.deal);
  } catch (error) {
    if (isForeignKeyViolation(error)) {
      throw new TRPCError({ code: "CONFLICT", message: "The stage, contact or company was just removed. Reload and try again." });
    }
    throw error;
  }
}
