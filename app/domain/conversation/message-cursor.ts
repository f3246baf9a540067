// Where a page of a conversation's messages ends: the (createdAt, id) of its oldest message, so the
// next page starts strictly before it (keyset paging, newest first). Browser-safe: the chat's
// "Load older" link carries it as `?before=`.
import { z } from "zod";

export type MessageCursor = { createdAt: Date; id: string };

const SEPARATOR = "_";

export function encodeMessageCursor(message: { createdAt: Date | string; id: string }): string {
  return `${new Date(message.createdAt).toISOString()}${SEPARATOR}${message.id}`;
}

export const messageCursorSchema = z.string().transform((value, ctx): MessageCursor => {
  const [at, id] = value.split(SEPARATOR);
  const createdAt = new Date(at ?? "");
  if (!at || Number.isNaN(createdAt.getTime()) || !z.uuid().safeParse(id).success) {
    ctx.addIssue({ code: "custom", message: "That page of the conversation doesn't exist." });
    return z.NEVER;
  }
  return { createdAt, id: id! };
});

export const MESSAGE_PAGE_SIZE = 30;
export const MAX_MESSAGE_PAGE_SIZE = 100;
