import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { ConversationMessagesInput } from "~/trpc/routers/conversation/messages.schema";
import { findVisibleConversation } from "~/trpc/routers/conversation/conversation-guards.server";
import { listConversationMessages, type ListedMessage } from "~/models/message-list.server";
import { encodeMessageCursor } from "~/domain/conversation/message-cursor";
import { deliveryErrorWords } from "~/domain/conversation/delivery-error-words";
import type { MessageMedia } from "~/domain/conversation/message-preview";
import { MESSAGE_FLAGS, type MessageFlag } from "~/domain/conversation/opt-out-keywords";

function listOf<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

function chatMessage(message: ListedMessage, provider: string) {
  const failed = message.status === "FAILED" || message.status === "UNDELIVERED";
  return {
    ...message,
    media: listOf<MessageMedia>(message.media),
    flags: listOf<string>(message.flags).filter((flag): flag is MessageFlag => (MESSAGE_FLAGS as readonly string[]).includes(flag)),
    failureReason: failed ? deliveryErrorWords(provider, message.errorCode, message.errorMessage ?? "") : null,
  };
}
export type ChatMessage = ReturnType<typeof chatMessage>;

/** A page of the conversation's messages, newest first, and the cursor of the next (older) page. */
export async function conversationMessagesHandler({ ctx, input }: { ctx: OrgScopedContext; input: ConversationMessagesInput }) {
  const conversation = await findVisibleConversation(ctx, input.id);
  const { messages, hasOlder } = await listConversationMessages(ctx.db, {
    organizationId: ctx.org.id,
    conversationId: conversation.id,
    before: input.before ?? null,
    limit: input.limit,
  });
  // The sandbox speaks Twilio's error codes, so both read them the same way.
  const provider = conversation.channel.kind === "EMAIL" ? "smtp" : "twilio";
  const oldest = messages.at(-1);
  return { messages: messages.map((message) => chatMessage(message, provider)), olderCursor: hasOlder && oldest ? encodeMessageCursor(oldest) : null };
}
