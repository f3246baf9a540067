export { createMessageTemplateSchema, type CreateMessageTemplateInput } from "~/domain/message-template/message-template-fields.schema";
