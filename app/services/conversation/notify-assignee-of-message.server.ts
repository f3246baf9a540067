// A customer wrote in a conversation someone has: tell that member (one unread notification per
// conversation, updated with the latest message rather than piling up).
import type { CommandContext, CommandTx } from "~/services/command.server";
import { notify } from "~/services/notification/notify.server";
import { conversationUrl } from "~/services/conversation/conversation-assignment.server";
import type { LockedConversation } from "~/models/conversation-assignment.server";
import { CHANNEL_KIND_LABELS } from "~/domain/channel/channel-fields.schema";
import { conversationCoalesceKey, NOTIFICATION_KINDS } from "~/domain/notification/notification";

export async function notifyAssigneeOfMessage(
  tx: CommandTx,
  { organizationId }: CommandContext,
  { conversation, preview }: { conversation: Pick<LockedConversation, "id" | "assigneeId" | "contactName" | "channelKind"> | null; preview: string },
): Promise<void> {
  if (!conversation?.assigneeId) return;
  await notify(tx, {
    organizationId,
    userId: conversation.assigneeId,
    kind: NOTIFICATION_KINDS.CONVERSATION_MESSAGE,
    title: `${conversation.contactName} wrote on ${CHANNEL_KIND_LABELS[conversation.channelKind]}`,
    body: preview,
    url: conversationUrl(conversation.id),
    coalesceKey: conversationCoalesceKey(conversation.id),
  });
}
