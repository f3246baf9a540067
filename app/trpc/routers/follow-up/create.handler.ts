import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { CreateFollowUpInput } from "~/trpc/routers/follow-up/create.schema";
import { canAssignOwner, loadEditableContact } from "~/trpc/routers/contact/contact-access.server";
import { fieldErrors } from "~/domain/contact/contact-errors";
import { commandScope } from "~/trpc/command-scope.server";
import { scheduleFollowUp } from "~/services/follow-up/schedule-follow-up.server";

/**
 * Schedules a call or message for a contact. Whoever may change the contact may
 * schedule; agents assign to themselves, managers to any member.
 */
export async function createFollowUpHandler({ ctx, input }: { ctx: OrgScopedContext; input: CreateFollowUpInput }) {
  await loadEditableContact(ctx, input.contactId);
  if (!canAssignOwner(ctx, input.assigneeId ?? ctx.user.id)) {
    throw fieldErrors({ assigneeId: "You can schedule follow-ups for yourself only." });
  }
  return ctx.db.$transaction((tx) => scheduleFollowUp(tx, commandScope(ctx), input));
}
