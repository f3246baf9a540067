export { createQuickReplySchema, type CreateQuickReplyInput } from "~/domain/quick-reply/quick-reply.schema";
