export { conversationIdSchema as markConversationReadSchema, type ConversationIdInput as MarkConversationReadInput } from "~/trpc/routers/conversation/conversation-id.schema";
