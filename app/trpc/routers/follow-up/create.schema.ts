import { z } from "zod";
import { contactIdField } from "~/trpc/routers/contact/contact-fields.schema";
import { parseIstDateTime } from "~/trpc/routers/follow-up/follow-up-time";

export const FOLLOW_UP_KINDS = ["CALL", "MESSAGE"] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

const DUE_MESSAGE = "Choose a date and time, like 2026-11-22 15:30";
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);
/** A time a few minutes ago is still accepted ("now", a slow form, a clock a little behind); earlier is a mistake. */
export const PAST_GRACE_MS = 5 * 60 * 1000;
const PAST_MESSAGE = "That time has already passed. Choose a time from now on";

export const createFollowUpSchema = z.object({
  contactId: contactIdField,
  kind: z.enum(FOLLOW_UP_KINDS, { message: "Choose call or message" }),
  /** A `datetime-local` value read in Asia/Kolkata, or an ISO time with an offset. */
  dueAt: z.preprocess(
    (value) => (value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : value),
    z.string({ message: DUE_MESSAGE }).transform((value, ctx) => {
      const date = parseIstDateTime(value);
      if (!date || date.getTime() < EARLIEST || date.getTime() >= LATEST) {
        ctx.addIssue({ code: "custom", message: DUE_MESSAGE });
        return z.NEVER;
      }
      if (date.getTime() < Date.now() - PAST_GRACE_MS) {
        ctx.addIssue({ code: "custom", message: PAST_MESSAGE });
        return z.NEVER;
      }
      return date;
    }),
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
