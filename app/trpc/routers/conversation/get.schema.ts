export { conversationIdSchema as getConversationSchema, type ConversationIdInput as GetConversationInput } from "~/trpc/routers/conversation/conversation-id.schema";
