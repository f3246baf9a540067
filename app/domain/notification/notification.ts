// What a notification is, as the browser and the server both read it. Browser-safe.
import { z } from "zod";

/** The kinds the app sends today; later features (payments, workflows) add theirs. */
export const NOTIFICATION_KINDS = {
  /** A conversation was assigned to you (by a member, or by the round-robin). */
  CONVERSATION_ASSIGNED: "CONVERSATION_ASSIGNED",
  /** A customer wrote in a conversation assigned to you. */
  CONVERSATION_MESSAGE: "CONVERSATION_MESSAGE",
  /** A conversation assigned to you was snoozed, and its time is up: it is open again. */
  CONVERSATION_SNOOZE_ENDED: "CONVERSATION_SNOOZE_ENDED",
} as const;

/** How many notifications one page of the centre shows. */
export const NOTIFICATION_PAGE_SIZE = 30;

/** The coalesce key for everything about one conversation: at most one unread notification each. */
export function conversationCoalesceKey(conversationId: string): string {
  return `conversation:${conversationId}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type NotificationCursor = { updatedAt: Date; id: string };

export function encodeNotificationCursor(cursor: NotificationCursor): string {
  return `${cursor.updatedAt.toISOString()}_${cursor.id}`;
}

export function decodeNotificationCursor(value: string): NotificationCursor | null {
  const [at, id, ...rest] = value.split("_");
  if (!at || !id || rest.length > 0 || !UUID.test(id)) return null;
  const updatedAt = new Date(at);
  if (Number.isNaN(updatedAt.getTime()) || updatedAt.toISOString() !== at) return null;
  return { updatedAt, id: id.toLowerCase() };
}

export const notificationCursorField = z.preprocess(
  (value) => (value === "" || value === null ? undefined : value),
  z
    .string()
    .max(100)
    .transform((value, ctx) => {
      const cursor = decodeNotificationCursor(value);
      if (!cursor) {
        ctx.addIssue({ code: "custom", message: "That page link is not valid: start again from the newest" });
        return z.NEVER;
      }
      return cursor;
    })
    .optional(),
);

/** A path inside the app (never another site: a notification's link is followed after a click). */
export const notificationUrlField = z
  .string()
  .trim()
  .max(500, { message: "A notification's link is at most 500 characters" })
  .regex(/^\/(?![/\\])/, { message: "A notification links to a page of the app (a path starting with /)" });
