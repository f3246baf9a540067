export { setConversationStatusSchema, type SetConversationStatusInput } from "~/domain/conversation/conversation-status";
