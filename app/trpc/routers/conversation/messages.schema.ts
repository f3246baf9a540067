import { z } from "zod";
import { MAX_MESSAGE_PAGE_SIZE, MESSAGE_PAGE_SIZE, messageCursorSchema } from "~/domain/conversation/message-cursor";

export const conversationMessagesSchema = z.object({
  id: z.uuid({ message: "Choose a conversation." }),
  /** The "older" cursor of the page before: messages strictly older than it. */
  before: messageCursorSchema.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_MESSAGE_PAGE_SIZE, { message: `At most ${MAX_MESSAGE_PAGE_SIZE} messages a page.` }).default(MESSAGE_PAGE_SIZE),
});
export type ConversationMessagesInput = z.output<typeof conversationMessagesSchema>;
