import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { CancelFollowUpInput } from "~/trpc/routers/follow-up/cancel.schema";
import { assertCanCloseFollowUp } from "~/trpc/routers/follow-up/follow-up-access.server";
import { commandScope } from "~/trpc/command-scope.server";
import { cancelFollowUp } from "~/services/follow-up/cancel-follow-up.server";

/** Cancels a pending follow-up: whoever may mark it done may cancel it. Cancelling twice is harmless. */
export async function cancelFollowUpHandler({ ctx, input }: { ctx: OrgScopedContext; input: CancelFollowUpInput }) {
  await assertCanCloseFollowUp(ctx, input.id);
  return ctx.db.$transaction((tx) => cancelFollowUp(tx, commandScope(ctx), input));
}
