// What every assignment does, by hand or round-robin: the new assignee on the conversation, the member
// at the back of the round-robin line, the contact's timeline, the open inboxes told, and the new
// assignee notified (unless they assigned it to themselves).
import type { CommandContext, CommandTx } from "~/services/command.server";
import { recordContactEvents, type ContactEventInput } from "~/services/contact-events.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { notify, notifyCoalesced, type NotifyInput } from "~/services/notification/notify.server";
import {
  recordMemberAssigned,
  recordMembersAssigned,
  setConversationAssignee,
  setConversationAssignees,
  type LockedConversation,
  type OrganizationMember,
} from "~/models/conversation-assignment.server";
import { CHANNEL_KIND_LABELS } from "~/domain/channel/channel-fields.schema";
import { conversationCoalesceKey, NOTIFICATION_KINDS } from "~/domain/notification/notification";
import { now } from "~/utils/clock";

export function conversationUrl(conversationId: string): string {
  return `/inbox/${conversationId}`;
}

type Assignee = Pick<OrganizationMember, "userId" | "name">;

function assignmentEvent(conversation: LockedConversation, assignee: Assignee | null): ContactEventInput {
  return {
    contactId: conversation.contactId,
    type: "CONVERSATION_ASSIGNED",
    data: {
      conversationId: conversation.id,
      channelId: conversation.channelId,
      channel: conversation.channelKind,
      before: conversation.assigneeId ? { id: conversation.assigneeId, name: conversation.assigneeName ?? "" } : null,
      after: assignee ? { id: assignee.userId, name: assignee.name } : null,
    },
  };
}

/** The new assignee is told, unless they assigned it to themselves. */
function assignmentNotification({ organizationId, actor }: CommandContext, conversation: LockedConversation, assignee: Assignee | null) {
  if (!assignee || assignee.userId === actor.userId) return null;
  return {
    organizationId,
    userId: assignee.userId,
    kind: NOTIFICATION_KINDS.CONVERSATION_ASSIGNED,
    title: `${conversation.contactName} (${CHANNEL_KIND_LABELS[conversation.channelKind]}) was assigned to you`,
    body: actor.label ? `By ${actor.label}` : "",
    url: conversationUrl(conversation.id),
    coalesceKey: conversationCoalesceKey(conversation.id),
  } satisfies NotifyInput;
}

export async function applyConversationAssignment(
  tx: CommandTx,
  context: CommandContext,
  conversation: LockedConversation,
  assignee: Pick<OrganizationMember, "userId" | "name"> | null,
  { publish = true }: { publish?: boolean } = {},
): Promise<void> {
  const { organizationId, actor } = context;
  const at = now();
  await setConversationAssignee(tx, { organizationId, id: conversation.id, assigneeId: assignee?.userId ?? null });
  if (assignee) await recordMemberAssigned(tx, { organizationId, userId: assignee.userId, at });
  await recordContactEvents(tx, organizationId, actor, [assignmentEvent(conversation, assignee)]);
  if (publish) {
    await publishLiveEvent(tx, organizationId, { type: "conversation.changed", conversationId: conversation.id, contactId: conversation.contactId });
  }
  const notification = assignmentNotification(context, conversation, assignee);
  if (notification) await notify(tx, notification);
}

/**
 * applyConversationAssignment for several conversations at once, as if applied one after another
 * (without live events: the caller publishes them): the assignees, the members at the back of the
 * line, the timeline and the notifications, in a statement each.
 */
export async function applyConversationAssignments(
  tx: CommandTx,
  context: CommandContext,
  assignments: Array<{ conversation: LockedConversation; assignee: Assignee }>,
): Promise<void> {
  if (assignments.length === 0) return;
  const { organizationId, actor } = context;
  await setConversationAssignees(tx, { organizationId, assignments: assignments.map(({ conversation, assignee }) => ({ id: conversation.id, assigneeId: assignee.userId })) });
  await recordMembersAssigned(tx, { organizationId, userIds: [...new Set(assignments.map(({ assignee }) => assignee.userId))], at: now() });
  await recordContactEvents(tx, organizationId, actor, assignments.map(({ conversation, assignee }) => assignmentEvent(conversation, assignee)));
  await notifyCoalesced(tx, assignments.flatMap(({ conversation, assignee }) => assignmentNotification(context, conversation, assignee) ?? []));
}
