// Marking a follow-up done. Doing it twice is harmless; a cancelled follow-up can't be done.
import { TRPCError } from "@trpc/server";
import { findFollowUp, markFollowUpDone } from "~/models/follow-up.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { loadFollowUp, recordFollowUpClosed } from "~/services/follow-up/follow-up-refs.server";

const wasCancelled = () => new TRPCError({ code: "BAD_REQUEST", message: "This follow-up was cancelled." });

export async function completeFollowUp(tx: CommandTx, scope: CommandContext, { id }: { id: string }) {
  const { organizationId } = scope;
  const followUp = await loadFollowUp(tx, { organizationId, id });
  if (followUp.status === "CANCELLED") throw wasCancelled();
  const done = await markFollowUpDone(tx, { organizationId, id: followUp.id, userId: scope.actor.userId });
  if (!done) {
    // Closed by someone else between the read and the write.
    const latest = await findFollowUp(tx, { organizationId, id: followUp.id });
    if (latest?.status === "CANCELLED") throw wasCancelled();
    return { id: followUp.id, alreadyDone: true };
  }
  await recordFollowUpClosed(tx, scope, followUp, "FOLLOW_UP_DONE");
  return { id: followUp.id, alreadyDone: false };
}
