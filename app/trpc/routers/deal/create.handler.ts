import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { CreateDealInput } from "~/trpc/routers/deal/create.schema";
import { closedAtFor, loadDealRefs, toDateColumn } from "~/trpc/routers/deal/deal-refs.server";
import { canCreateDeal } from "~/trpc/routers/deal/deal-access";
import { serializeDeal } from "~/trpc/routers/deal/deal-output";
import { createDeal } from "~/services/deal-changes.server";
import { isForeignKeyViolation } from "~/trpc/routers/deal/prisma-refusals.server";
import { userActor } from "~/services/command.server";

export async function createDealHandler({ ctx, input }: { ctx: OrgScopedContext; input: CreateDealInput }) {
  if (!canCreateDeal(ctx.org.role)) throw new TRPCError({ code: "FORBIDDEN", message: "Your role can't create deals." });
  const refs = await loadDealRefs(ctx, input);
  try {
    const deal = await createDeal(
      ctx.db,
      { organizationId: ctx.org.id, actor: userActor(ctx.user.id) },
      {
        title: input.title,
        valuePaise: input.value,
        stageId: refs.stage.id,
        contactId: refs.contact?.id ?? null,
        companyId: refs.company?.id ?? null,
        ownerId: refs.ownerId,
        expectedCloseDate: toDateColumn(input.expectedCloseDate),
        probability: input.probability ?? refs.stage.probability,
        closedAt: closedAtFor(refs.stage, null),
      },
    );
    return serializeDeal(deal);
  } catch (error) {
    if (isForeignKeyViolation(error)) {
      throw new TRPCError({ code: "CONFLICT", message: "The stage, contact or company was just removed. Reload and try again." });
    }
    throw error;
  }
}
