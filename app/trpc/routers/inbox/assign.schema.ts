export { assignConversationSchema, type AssignConversationInput } from "~/domain/conversation/assign-conversation.schema";
