export { updateQuickReplySchema, type UpdateQuickReplyInput } from "~/domain/quick-reply/quick-reply.schema";
