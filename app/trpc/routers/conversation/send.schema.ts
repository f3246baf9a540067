export { sendMessageInputSchema as sendConversationMessageSchema, type SendMessageInput as SendConversationMessageInput } from "~/domain/conversation/send-message.schema";
