// Scheduling a call or message for a contact: due from now (a few minutes'
// grace) and before 2100, assigned to a member of the organization (whoever
// acts, when nobody is named). A local due time is read in the organization's
// time zone. The contact's timeline and open pages hear of it.
import type { FollowUpKind } from "~/domain/follow-up/follow-up-kinds";
import {
  DUE_MESSAGE,
  FOLLOW_UP_EARLIEST,
  FOLLOW_UP_LATEST,
  PAST_GRACE_MS,
  PAST_MESSAGE,
} from "~/domain/follow-up/follow-up-due";
import { fieldErrors } from "~/domain/contact/contact-errors";
import { findOrganizationMember, touchContact } from "~/models/contact.server";
import { insertFollowUp } from "~/models/follow-up.server";
import { organizationTimeZone } from "~/models/organization.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { recordContactEvents } from "~/services/contact-events.server";
import { loadFollowUpContact } from "~/services/follow-up/follow-up-refs.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { now, parseLocalDateTime } from "~/utils/clock";

export type ScheduleFollowUpInput = {
  contactId: string;
  kind: FollowUpKind;
  /** An instant, or a local time ("2026-11-22T15:30", read in the organization's zone) or an ISO time with an offset. */
  dueAt: Date | string;
  /** A member of the organization; left out, whoever acts. */
  assigneeId?: string | null;
  note?: string;
};

async function dueInstant(tx: CommandTx, organizationId: string, dueAt: Date | string): Promise<Date> {
  const instant =
    dueAt instanceof Date
      ? Number.isNaN(dueAt.getTime())
        ? null
        : dueAt
      : parseLocalDateTime(dueAt, await organizationTimeZone(tx, { organizationId }));
  if (!instant || instant < FOLLOW_UP_EARLIEST || instant >= FOLLOW_UP_LATEST) throw fieldErrors({ dueAt: DUE_MESSAGE });
  if (instant.getTime() < now().getTime() - PAST_GRACE_MS) throw fieldErrors({ dueAt: PAST_MESSAGE });
  return instant;
}

export async function scheduleFollowUp(tx: CommandTx, scope: CommandContext, input: ScheduleFollowUpInput) {
  const { organizationId, actor } = scope;
  const dueAt = await dueInstant(tx, organizationId, input.dueAt);
  const contact = await loadFollowUpContact(tx, { organizationId, contactId: input.contactId });
  const assigneeId = input.assigneeId ?? actor.userId;
  const assignee = assigneeId ? await findOrganizationMember(tx, { organizationId, userId: assigneeId }) : null;
  if (!assignee) throw fieldErrors({ assigneeId: "Choose a member of this organization" });
  const followUp = await insertFollowUp(tx, {
    organizationId,
    contactId: contact.id,
    assigneeId: assignee.user.id,
    createdById: actor.userId,
    kind: input.kind,
    dueAt,
    note: input.note ?? "",
  });
  await recordContactEvents(tx, organizationId, actor, [
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
}
