import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { CancelFollowUpInput } from "~/trpc/routers/follow-up/cancel.schema";
import { canEditContact } from "~/trpc/routers/contact/contact-access.server";
import { findFollowUp, markFollowUpCancelled } from "~/models/follow-up.server";
import { touchContact } from "~/models/contact.server";
import { recordContactEvents } from "~/services/contact-events.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { userActor } from "~/services/command.server";

/**
 * Cancels a pending follow-up: whoever may mark it done may cancel it (its
 * assignee, anyone who may change the contact, a manager). Cancelling twice is
 * harmless; a follow-up already done stays done.
 */
export async function cancelFollowUpHandler({ ctx, input }: { ctx: OrgScopedContext; input: CancelFollowUpInput }) {
  const organizationId = ctx.org.id;
  const followUp = await findFollowUp(ctx.db, { organizationId, id: input.id });
  if (!followUp) throw new TRPCError({ code: "NOT_FOUND", message: "Follow-up not found." });
  if (followUp.assigneeId !== ctx.user.id && !canEditContact(ctx, followUp.contact)) {
    throw new TRPCError({ code: "FORBIDDEN", message: "This follow-up belongs to someone else." });
  }
  const alreadyDone = () => new TRPCError({ code: "BAD_REQUEST", message: "This follow-up is already done, so it can't be cancelled." });
  if (followUp.status === "DONE") throw alreadyDone();
  if (followUp.status === "CANCELLED") return { id: followUp.id, alreadyCancelled: true };
  return ctx.db.$transaction(async (tx) => {
    const cancelled = await markFollowUpCancelled(tx, { organizationId, id: followUp.id, userId: ctx.user.id });
    if (!cancelled) {
      // Someone closed it between the read and the write.
      const now = await findFollowUp(tx, { organizationId, id: followUp.id });
      if (now?.status === "DONE") throw alreadyDone();
      return { id: followUp.id, alreadyCancelled: true };
    }
    await recordContactEvents(tx, organizationId, userActor(ctx.user.id), [
      {
        contactId: followUp.contactId,
        type: "FOLLOW_UP_CANCELLED",
        data: { followUpId: followUp.id, kind: followUp.kind, dueAt: followUp.dueAt.toISOString(), note: followUp.note },
      },
    ]);
    await touchContact(tx, { organizationId, id: followUp.contactId });
    await publishLiveEvent(tx, organizationId, { type: "followUp.changed", followUpId: followUp.id, contactId: followUp.contactId });
    await publishLiveEvent(tx, organizationId, { type: "contact.changed", contactIds: [followUp.contactId] });
    return { id: followUp.id, alreadyCancelled: false };
  });
}
