// Assigning a conversation: its id, and a member's user id or null (nobody). Browser-safe: the assign form,
// the tRPC input and the command share it. A form's "Nobody" option sends an empty value.
import { z } from "zod";

export const assignConversationSchema = z.object({
  conversationId: z.uuid({ message: "Conversation not found" }),
  assigneeId: z.preprocess(
    (value) => (value === "" || value === undefined ? null : value),
    z.uuid({ message: "Choose a member of this organization" }).nullable(),
  ),
});
export type AssignConversationInput = z.input<typeof assignConversationSchema>;
