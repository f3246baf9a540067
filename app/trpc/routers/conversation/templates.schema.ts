export { conversationIdSchema as conversationTemplatesSchema, type ConversationIdInput as ConversationTemplatesInput } from "~/trpc/routers/conversation/conversation-id.schema";
