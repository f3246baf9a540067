// What every assignment does, by hand or round-robin: the new assignee on the conversation, the member
// at the back of the round-robin line, the contact's timeline, the open inboxes told, and the new
// assignee notified (unless they assigned it to themselves).
import type { CommandContext, CommandTx } from "~/services/command.server";
import { recordContactEvents } from "~/services/contact-events.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { notify } from "~/services/notification/notify.server";
import {
  recordMemberAssigned,
  setConversationAssignee,
  type LockedConversation,
  type OrganizationMember,
} from "~/models/conversation-assignment.server";
import { CHANNEL_KIND_LABELS } from "~/domain/channel/channel-fields.schema";
import { conversationCoalesceKey, NOTIFICATION_KINDS } from "~/domain/notification/notification";
import { now } from "~/utils/clock";

export function conversationUrl(conversationId: string): string {
  return `/inbox/${conversationId}`;
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
  await recordContactEvents(tx, organizationId, actor, [
    {
      contactId: conversation.contactId,
      type: "CONVERSATION_ASSIGNED",
      data: {
        conversationId: conversation.id,
        channelId: conversation.channelId,
        channel: conversation.channelKind,
        before: conversation.assigneeId ? { id: conversation.assigneeId, name: conversation.assigneeName ?? "" } : null,
        after: assignee ? { id: assignee.userId, name: assignee.name } : null,
      },
    },
  ]);
  if (publish) {
    await publishLiveEvent(tx, organizationId, { type: "conversation.changed", conversationId: conversation.id, contactId: conversation.contactId });
  }
  if (assignee && assignee.userId !== actor.userId) {
    await notify(tx, {
      organizationId,
      userId: assignee.userId,
      kind: NOTIFICATION_KINDS.CONVERSATION_ASSIGNED,
      title: `${conversation.contactName} (${CHANNEL_KIND_LABELS[conversation.channelKind]}) was assigned to you`,
      body: actor.label ? `By ${actor.label}` : "",
      url: conversationUrl(conversation.id),
      coalesceKey: conversationCoalesceKey(conversation.id),
    });
  }
}
