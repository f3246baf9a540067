export { messageTemplateIdSchema as deleteMessageTemplateSchema, type MessageTemplateIdInput as DeleteMessageTemplateInput } from "~/domain/message-template/message-template-fields.schema";
