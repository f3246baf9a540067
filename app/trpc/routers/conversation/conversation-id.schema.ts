import { z } from "zod";

export const conversationIdSchema = z.object({ id: z.uuid({ message: "Choose a conversation." }) });
export type ConversationIdInput = z.output<typeof conversationIdSchema>;
