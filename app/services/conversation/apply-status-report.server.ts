// The one path a delivery status takes, whoever reports it: Twilio's status callback, the sandbox's
// scheduled reports, a status kept because it came before its message. Forward only; a status for a
// message we don't know yet (by that provider id) is kept until the send stores the id.
import type { Prisma } from "~/generated/prisma/client";
import { advanceMessageStatuses, keepPendingStatus, type StatusReport } from "~/models/message-status.server";
import { findProviderMessageIds } from "~/models/message.server";
import { publishLiveEvents } from "~/services/live-events.server";

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

/**
 * Applies one report to each of several provider ids of a channel (the sandbox reports a batch of
 * sends with one job per step): the same steps as for one id, a statement each for all of them.
 * Each id's outcome.
 */
export async function applyStatusReportToMany(
  tx: Tx,
  { organizationId, channelId, providerMessageIds }: { organizationId: string; channelId: string; providerMessageIds: string[] },
  report: StatusReport,
): Promise<Map<string, StatusOutcome>> {
  const ids = [...new Set(providerMessageIds)];
  const outcomes = new Map<string, StatusOutcome>();
  if (ids.length === 0) return outcomes;
  await lockProviderMessageIds(tx, ids.map((providerMessageId) => ({ channelId, providerMessageId })));
  const moved = await advanceMessageStatuses(tx, { organizationId, channelId, providerMessageIds: ids }, report);
  await publishLiveEvents(
    tx,
    organizationId,
    moved.map((message) => ({ type: "message.changed", messageId: message.id, conversationId: message.conversationId, contactId: message.contactId })),
  );
  for (const message of moved) outcomes.set(message.providerMessageId!, "moved");
  const rest = ids.filter((id) => !outcomes.has(id));
  const known = new Set(rest.length > 0 ? await findProviderMessageIds(tx, { organizationId, channelId, providerMessageIds: rest }) : []);
  for (const providerMessageId of rest) {
    if (known.has(providerMessageId)) {
      outcomes.set(providerMessageId, "unchanged");
    } else {
      await keepPendingStatus(tx, { organizationId, channelId, providerMessageId }, report);
      outcomes.set(providerMessageId, "kept");
    }
  }
  return outcomes;
}

export async function applyStatusReport(tx: Tx, ref: ProviderMessageRef, report: StatusReport): Promise<StatusOutcome> {
  const outcomes = await applyStatusReportToMany(tx, { organizationId: ref.organizationId, channelId: ref.channelId, providerMessageIds: [ref.providerMessageId] }, report);
  return outcomes.get(ref.providerMessageId)!;
}
