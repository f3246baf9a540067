// Cancelling a pending follow-up. Cancelling twice is harmless; a follow-up
// already done stays done.
import { TRPCError } from "@trpc/server";
import { findFollowUp, markFollowUpCancelled } from "~/models/follow-up.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { loadFollowUp, recordFollowUpClosed } from "~/services/follow-up/follow-up-refs.server";

const alreadyDone = () => new TRPCError({ code: "BAD_REQUEST", message: "This follow-up is already done, so it can't be cancelled." });

export async function cancelFollowUp(tx: CommandTx, scope: CommandContext, { id }: { id: string }) {
  const { organizationId } = scope;
  const followUp = await loadFollowUp(tx, { organizationId, id });
  if (followUp.status === "DONE") throw alreadyDone();
  if (followUp.status === "CANCELLED") return { id: followUp.id, alreadyCancelled: true };
  const cancelled = await markFollowUpCancelled(tx, { organizationId, id: followUp.id, userId: scope.actor.userId });
  if (!cancelled) {
    // Closed by someone else between the read and the write.
    const latest = await findFollowUp(tx, { organizationId, id: followUp.id });
    if (latest?.status === "DONE") throw alreadyDone();
    return { id: followUp.id, alreadyCancelled: true };
  }
  await recordFollowUpClosed(tx, scope, followUp, "FOLLOW_UP_CANCELLED");
  return { id: followUp.id, alreadyCancelled: false };
}
