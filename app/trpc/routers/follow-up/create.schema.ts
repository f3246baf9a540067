import { z } from "zod";
import { FOLLOW_UP_KINDS } from "~/domain/follow-up/follow-up-kinds";
import { contactIdField } from "~/domain/contact/contact-fields.schema";
import { DUE_MESSAGE } from "~/domain/follow-up/follow-up-due";
import { parseLocalDateTime } from "~/utils/clock";

export const createFollowUpSchema = z.object({
  contactId: contactIdField,
  kind: z.enum(FOLLOW_UP_KINDS, { message: "Choose call or message" }),
  /**
   * A `datetime-local` value ("2026-11-22T15:30"), read in the organization's time zone by the
   * command (the zone is the organization's, not the browser's), or an ISO time with an offset.
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
