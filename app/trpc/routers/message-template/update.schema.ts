export { updateMessageTemplateSchema, type UpdateMessageTemplateInput } from "~/domain/message-template/message-template-fields.schema";
