import type { OrgScopedContext } from "~/trpc/trpc.server";
import {
  DUE_MESSAGE,
  FOLLOW_UP_EARLIEST,
  FOLLOW_UP_LATEST,
  PAST_GRACE_MS,
  PAST_MESSAGE,
  type CreateFollowUpInput,
} from "~/trpc/routers/follow-up/create.schema";
import { canAssignOwner, loadEditableContact } from "~/trpc/routers/contact/contact-access.server";
import { fieldErrors } from "~/domain/contact/contact-errors";
import { findOrganizationMember, touchContact } from "~/models/contact.server";
import { insertFollowUp } from "~/models/follow-up.server";
import { recordContactEvents } from "~/services/contact-events.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { now, parseLocalDateTime } from "~/utils/clock";
import { userActor } from "~/services/command.server";

/**
 * Schedules a call or message for a contact. Whoever may change the contact may
 * schedule; agents assign to themselves, managers to any member. A local due
 * time is read in the organization's time zone.
 */
export async function createFollowUpHandler({ ctx, input }: { ctx: OrgScopedContext; input: CreateFollowUpInput }) {
  const organizationId = ctx.org.id;
  const dueAt = parseLocalDateTime(input.dueAt, ctx.org.timeZone);
  if (!dueAt || dueAt < FOLLOW_UP_EARLIEST || dueAt >= FOLLOW_UP_LATEST) throw fieldErrors({ dueAt: DUE_MESSAGE });
  if (dueAt.getTime() < now().getTime() - PAST_GRACE_MS) throw fieldErrors({ dueAt: PAST_MESSAGE });
  const contact = await loadEditableContact(ctx, input.contactId);
  const assigneeId = input.assigneeId ?? ctx.user.id;
  if (!canAssignOwner(ctx, assigneeId)) {
    throw fieldErrors({ assigneeId: "You can schedule follow-ups for yourself only." });
  }
  const assignee = await findOrganizationMember(ctx.db, { organizationId, userId: assigneeId });
  if (!assignee) throw fieldErrors({ assigneeId: "Choose a member of this organization" });
  return ctx.db.$transaction(async (tx) => {
    const followUp = await insertFollowUp(tx, {
      organizationId,
      contactId: contact.id,
      assigneeId: assignee.user.id,
      createdById: ctx.user.id,
      kind: input.kind,
      dueAt,
      note: input.note,
    });
    await recordContactEvents(tx, organizationId, userActor(ctx.user.id), [
      {
        contactId: contact.id,
        type: "FOLLOW_UP_SCHEDULED",
        data: {
          followUpId: followUp.id,
          kind: followUp.kind,
          dueAt: followUp.dueAt.toISOString(),
          assignee: { id: assignee.user.id, name: assignee.user.name },
          note: followUp.note,
        },
      },
    ]);
    await touchContact(tx, { organizationId, id: contact.id });
    await publishLiveEvent(tx, organizationId, { type: "followUp.changed", followUpId: followUp.id, contactId: contact.id });
    await publishLiveEvent(tx, organizationId, { type: "contact.changed", contactIds: [contact.id] });
    return { id: followUp.id, dueAt: followUp.dueAt, assignee: { id: assignee.user.id, name: assignee.user.name } };
  });
}
