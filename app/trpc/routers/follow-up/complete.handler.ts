import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { CompleteFollowUpInput } from "~/trpc/routers/follow-up/complete.schema";
import { assertCanCloseFollowUp } from "~/trpc/routers/follow-up/follow-up-access.server";
import { commandScope } from "~/trpc/command-scope.server";
import { completeFollowUp } from "~/services/follow-up/complete-follow-up.server";

/** Marks a follow-up done: its assignee, anyone who may change the contact, or a manager. Idempotent. */
export async function completeFollowUpHandler({ ctx, input }: { ctx: OrgScopedContext; input: CompleteFollowUpInput }) {
  await assertCanCloseFollowUp(ctx, input.id);
  return ctx.db.$transaction((tx) => completeFollowUp(tx, commandScope(ctx), input));
}
