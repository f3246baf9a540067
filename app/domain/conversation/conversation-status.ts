// A conversation's status and what the chat's status control posts. Browser-safe: the form parses
// with the same schema the procedure does; the snooze time is a `datetime-local` value read in the
// organization's time zone (the command checks it is a real time in the future).
import { z } from "zod";

export const CONVERSATION_STATUSES = ["OPEN", "PENDING", "RESOLVED", "SNOOZED"] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

export const CONVERSATION_STATUS_LABELS: Record<ConversationStatus, string> = {
  OPEN: "Open",
  PENDING: "Pending",
  RESOLVED: "Resolved",
  SNOOZED: "Snoozed",
};

/** How far ahead a conversation may be snoozed. */
export const MAX_SNOOZE_DAYS = 365;

export const setConversationStatusSchema = z
  .object({
    id: z.uuid({ message: "Choose a conversation." }),
    status: z.enum(CONVERSATION_STATUSES, { message: "Choose open, pending, resolved or snoozed." }),
    snoozeUntil: z.string().trim().max(40).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.status === "SNOOZED" && !value.snoozeUntil) {
      ctx.addIssue({ code: "custom", path: ["snoozeUntil"], message: "Choose when the snooze ends." });
    }
  });
export type SetConversationStatusInput = z.output<typeof setConversationStatusSchema>;
