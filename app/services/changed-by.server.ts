// The refusal for a save based on an old version of a record (contacts, deals):
// it names who saved in between and when, so the person knows whose changes
// they would overwrite.
import { TRPCError } from "@trpc/server";
import { formatDateTime, timeZoneName } from "~/utils/clock";

/**
 * "Changed by Aisha Khan at 22 Nov 2026, 3:04 pm IST — reload to see their changes.", the time in the
 * organization's zone, named (IST, GST, GMT-5);
 * with `what` (where many records are on screen, like a board): "Priya Shah was changed by …".
 */
export function changedByConflict({
  who,
  when,
  what,
  timeZone,
}: {
  who: string | null | undefined;
  when: Date;
  what?: string;
  timeZone: string;
}): TRPCError {
  const changed = what ? `${what} was changed` : "Changed";
  return new TRPCError({
    code: "CONFLICT",
    message: `${changed} by ${who || "someone else"} at ${formatDateTime(when, timeZone)} ${timeZoneName(when, timeZone)} — reload to see their changes.`,
  });
}
