export { messageTemplateIdSchema as getMessageTemplateSchema, type MessageTemplateIdInput as GetMessageTemplateInput } from "~/domain/message-template/message-template-fields.schema";
