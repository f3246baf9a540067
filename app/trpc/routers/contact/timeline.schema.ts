import { z } from "zod";
import { contactIdField } from "~/domain/contact/contact-fields.schema";

export const TIMELINE_PAGE_SIZE = 30;

/** "<ISO time>_<event id>" of the last event on the previous page. */
const cursorPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z_[0-9a-f-]{36}$/i;

export const timelineSchema = z.object({
  id: contactIdField,
  before: z
    .string()
    .regex(cursorPattern, { message: "That page of the timeline doesn't exist" })
    .optional()
    .or(z.literal("").transform(() => undefined)),
});
export type TimelineInput = z.output<typeof timelineSchema>;

export function timelineCursor(event: { createdAt: Date | string; id: string }): string {
  const createdAt = typeof event.createdAt === "string" ? event.createdAt : event.createdAt.toISOString();
  return `${createdAt}_${event.id}`;
}

export function parseTimelineCursor(cursor: string): { createdAt: Date; id: string } {
  const separator = cursor.lastIndexOf("_");
  return { createdAt: new Date(cursor.slice(0, separator)), id: cursor.slice(separator + 1) };
}
