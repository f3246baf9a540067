import { TRPCError } from "@trpc/server";
import { formatDateTime } from "~/utils/format";

/** The refusal for a save based on an old version of the deal. */
export function dealConflict(current: { updatedAt: Date }) {
  return new TRPCError({
    code: "CONFLICT",
    message: `This deal was changed by someone else at ${formatDateTime(current.updatedAt)} after you opened it. Reload to see the latest version, then make your change again.`,
  });
}
