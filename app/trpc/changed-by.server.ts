// The refusal for a save based on an old version of a record (contacts, deals):
// it names who saved in between and when, so the person knows whose changes
// they would overwrite.
import { TRPCError } from "@trpc/server";
import { formatDateTime } from "~/utils/format";

/**
 * "Changed by Aisha Khan at 22 Nov 2026, 3:04 pm IST — reload to see their changes.";
 * with `what` (where many records are on screen, like a board): "Priya Shah was changed by …".
 */
export function changedByConflict({ who, when, what }: { who: string | null | undefined; when: Date; what?: string }): TRPCError {
  const changed = what ? `${what} was changed` : "Changed";
  return new TRPCError({
    code: "CONFLICT",
    message: `${changed} by ${who || "someone else"} at ${formatDateTime(when)} IST — reload to see their changes.`,
  });
}
