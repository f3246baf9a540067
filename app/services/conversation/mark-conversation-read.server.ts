// A member read the conversation: its unread count goes to zero and the inbox hears of it. Reading
// an already-read conversation writes nothing and publishes nothing.
import type { CommandContext, CommandTx } from "~/services/command.server";
import { clearUnreadCount } from "~/models/conversation-chat.server";
import { publishLiveEvent } from "~/services/live-events.server";

export async function markConversationRead(
  tx: CommandTx,
  { organizationId }: CommandContext,
  conversation: { id: string; contactId: string },
): Promise<{ changed: boolean }> {
  const changed = await clearUnreadCount(tx, { organizationId, id: conversation.id });
  if (changed) {
    await publishLiveEvent(tx, organizationId, { type: "conversation.changed", conversationId: conversation.id, contactId: conversation.contactId });
  }
  return { changed };
}
