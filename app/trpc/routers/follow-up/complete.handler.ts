import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { CompleteFollowUpInput } from "~/trpc/routers/follow-up/complete.schema";
import { canEditContact } from "~/trpc/routers/contact/contact-access.server";
import { findFollowUp, markFollowUpDone } from "~/models/follow-up.server";
import { touchContact } from "~/models/contact.server";
import { recordContactEvents } from "~/services/contact-events.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { userActor } from "~/services/command.server";

/** Marks a follow-up done: its assignee, anyone who may change the contact, or a manager. Idempotent. */
export async function completeFollowUpHandler({ ctx, input }: { ctx: OrgScopedContext; input: CompleteFollowUpInput }) {
  const organizationId = ctx.org.id;
  const followUp = await findFollowUp(ctx.db, { organizationId, id: input.id });
  if (!followUp) throw new TRPCError({ code: "NOT_FOUND", message: "Follow-up not found." });
  if (followUp.assigneeId !== ctx.user.id && !canEditContact(ctx, followUp.contact)) {
    throw new TRPCError({ code: "FORBIDDEN", message: "This follow-up belongs to someone else." });
  }
  if (followUp.status === "CANCELLED") {
    throw new TRPCError({ code: "BAD_REQUEST", message: "This follow-up was cancelled." });
  }
  return ctx.db.$transaction(async (tx) => {
    const done = await markFollowUpDone(tx, { organizationId, id: followUp.id, userId: ctx.user.id });
    if (!done) return { id: followUp.id, alreadyDone: true };
    await recordContactEvents(tx, organizationId, userActor(ctx.user.id), [
      {
        contactId: followUp.contactId,
        type: "FOLLOW_UP_DONE",
        data: { followUpId: followUp.id, kind: followUp.kind, dueAt: followUp.dueAt.toISOString(), note: followUp.note },
      },
    ]);
    await touchContact(tx, { organizationId, id: followUp.contactId });
    await publishLiveEvent(tx, organizationId, { type: "followUp.changed", followUpId: followUp.id, contactId: followUp.contactId });
    await publishLiveEvent(tx, organizationId, { type: "contact.changed", contactIds: [followUp.contactId] });
    return { id: followUp.id, alreadyDone: false };
  });
}
