// A customer wrote in a conversation someone has: tell that member (one unread notification per
// conversation, updated with the latest message rather than piling up).
import type { CommandContext, CommandTx } from "~/services/command.server";
import { notify, notifyCoalesced } from "~/services/notification/notify.server";
import { conversationUrl } from "~/services/conversation/conversation-assignment.server";
import type { LockedConversation } from "~/models/conversation-assignment.server";
import { CHANNEL_KIND_LABELS } from "~/domain/channel/channel-fields.schema";
import { conversationCoalesceKey, NOTIFICATION_KINDS } from "~/domain/notification/notification";

type RoutedConversation = Pick<LockedConversation, "id" | "assigneeId" | "contactName" | "channelKind">;

function messageNotification(organizationId: string, conversation: RoutedConversation & { assigneeId: string }, preview: string) {
  return {
    organizationId,
    userId: conversation.assigneeId,
    kind: NOTIFICATION_KINDS.CONVERSATION_MESSAGE,
    title: `${conversation.contactName} wrote on ${CHANNEL_KIND_LABELS[conversation.channelKind]}`,
    body: preview,
    url: conversationUrl(conversation.id),
    coalesceKey: conversationCoalesceKey(conversation.id),
  };
}

export async function notifyAssigneeOfMessage(
  tx: CommandTx,
  { organizationId }: CommandContext,
  { conversation, preview }: { conversation: RoutedConversation | null; preview: string },
): Promise<void> {
  if (!conversation?.assigneeId) return;
  await notify(tx, messageNotification(organizationId, { ...conversation, assigneeId: conversation.assigneeId }, preview));
}

/** notifyAssigneeOfMessage for several messages at once, in their order (one unread per conversation: the latest stays). */
export async function notifyAssigneesOfMessages(
  tx: CommandTx,
  { organizationId }: CommandContext,
  messages: Array<{ conversation: RoutedConversation | null; preview: string }>,
): Promise<void> {
  await notifyCoalesced(
    tx,
    messages.flatMap(({ conversation, preview }) =>
      conversation?.assigneeId ? [messageNotification(organizationId, { ...conversation, assigneeId: conversation.assigneeId }, preview)] : [],
    ),
  );
}
