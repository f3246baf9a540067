// The job that ends a snooze: one per conversation (key `conversations_unsnooze:<id>`), due at the
// snooze's end. A new snooze replaces it (the new time), any other status removes it; both in the
// status change's transaction, so the job and the row never disagree for long.
import type { CommandTx } from "~/services/command.server";
import { enqueueJob, jobKey, removeJob } from "~/services/jobs.server";

export function snoozeEndJobKey(conversationId: string): string {
  return jobKey("conversations_unsnooze", conversationId);
}

export async function scheduleSnoozeEnd(tx: CommandTx, { organizationId, conversationId, snoozedUntil }: { organizationId: string; conversationId: string; snoozedUntil: Date }): Promise<void> {
  await enqueueJob(
    tx,
    "conversations_unsnooze",
    { organizationId, conversationId, snoozedUntil: snoozedUntil.toISOString() },
    { jobKey: snoozeEndJobKey(conversationId), jobKeyMode: "replace", runAt: snoozedUntil, maxAttempts: 5 },
  );
}

export async function cancelSnoozeEnd(tx: CommandTx, { conversationId }: { conversationId: string }): Promise<void> {
  await removeJob(tx, snoozeEndJobKey(conversationId));
}
