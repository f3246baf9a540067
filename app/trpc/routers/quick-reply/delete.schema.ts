export { deleteQuickReplySchema, type DeleteQuickReplyInput } from "~/domain/quick-reply/quick-reply.schema";
