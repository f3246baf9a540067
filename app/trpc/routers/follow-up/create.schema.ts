import { z } from "zod";
import { FOLLOW_UP_KINDS } from "~/domain/follow-up/follow-up-kinds";
import { contactIdField } from "~/domain/contact/contact-fields.schema";
import { parseLocalDateTime } from "~/utils/clock";


export const FOLLOW_UP_EARLIEST = new Date(Date.UTC(2000, 0, 1));
export const FOLLOW_UP_LATEST = new Date(Date.UTC(2100, 0, 1));
/** A time a few minutes ago is still accepted ("now", a slow form, a clock a little behind); earlier is a mistake. */
export const PAST_GRACE_MS = 5 * 60 * 1000;
export const DUE_MESSAGE = "Choose a date and time, like 2026-11-22 15:30";
export const PAST_MESSAGE = "That time has already passed. Choose a time from now on";

export const createFollowUpSchema = z.object({
  contactId: contactIdField,
  kind: z.enum(FOLLOW_UP_KINDS, { message: "Choose call or message" }),
  /**
   * A `datetime-local` value ("2026-11-22T15:30"), read in the organization's time zone by the
   * handler (the zone is the organization's, not the browser's), or an ISO time with an offset.
   * Here only its shape is checked: whether it is in the past depends on the zone.
   */
  dueAt: z.preprocess(
    (value) => (value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : value),
    z
      .string({ message: DUE_MESSAGE })
      .trim()
      .refine((value) => parseLocalDateTime(value, "UTC") !== null, { message: DUE_MESSAGE }),
  ),
  /** A member of the organization; empty means whoever schedules it. */
  assigneeId: z
    .string()
    .trim()
    .refine((value) => value === "" || z.uuid().safeParse(value).success, { message: "Choose a member of this organization" })
    .transform((value) => (value === "" ? null : value.toLowerCase()))
    .nullable()
    .optional(),
  note: z.string().trim().max(1000, { message: "Keep the note under 1,000 characters" }).default(""),
});
export type CreateFollowUpInput = z.output<typeof createFollowUpSchema>;
