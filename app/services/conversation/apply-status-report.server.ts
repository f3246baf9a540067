// The one path a delivery status takes, whoever reports it: Twilio's status callback, the sandbox's
// scheduled reports, a status kept because it came before its message. Forward only; a status for a
// message we don't know yet (by that provider id) is kept until the send stores the id.
import type { Prisma } from "~/generated/prisma/client";
import { advanceMessageStatus, keepPendingStatus, type StatusReport } from "~/models/message-status.server";
import { findMessageByProviderId } from "~/models/message.server";
import { publishLiveEvent } from "~/services/live-events.server";

type Tx = Prisma.TransactionClient;
export type ProviderMessageRef = { organizationId: string; channelId: string; providerMessageId: string };

/**
 * Serializes the status path and the send's "store the provider id, take what arrived early" step for
 * one provider id, so a report is either applied to the message or kept and taken, never lost between them.
 */
export async function lockProviderMessageId(tx: Tx, ref: ProviderMessageRef): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`${ref.channelId}:${ref.providerMessageId}`}, 0))`;
}

/** The same locks for several provider ids in one statement, taken in the order applyStatusReports takes them (by channel and provider id), so two transactions never wait on each other. */
export async function lockProviderMessageIds(tx: Tx, refs: Array<Pick<ProviderMessageRef, "channelId" | "providerMessageId">>): Promise<void> {
  if (refs.length === 0) return;
  const keys = [...new Set(refs.map((ref) => `${ref.channelId}:${ref.providerMessageId}`))].sort();
  await tx.$executeRaw`
    SELECT pg_advisory_xact_lock(hashtextextended(k.key, 0)) FROM (SELECT key FROM unnest(${keys}::text[]) AS key ORDER BY key COLLATE "C" OFFSET 0) AS k`;
}

export type StatusOutcome = "moved" | "unchanged" | "kept";

export async function applyStatusReport(tx: Tx, ref: ProviderMessageRef, report: StatusReport): Promise<StatusOutcome> {
  await lockProviderMessageId(tx, ref);
  const moved = await advanceMessageStatus(tx, ref, report);
  if (moved) {
    await publishLiveEvent(tx, ref.organizationId, {
      type: "message.changed",
      messageId: moved.id,
      conversationId: moved.conversationId,
      contactId: moved.contactId,
    });
    return "moved";
  }
  if ((await findMessageByProviderId(tx, ref)) !== null) return "unchanged";
  await keepPendingStatus(tx, ref, report);
  return "kept";
}
