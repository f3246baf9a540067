// Processing a stored Twilio delivery report: move the message it names forward (never back, never
// out of a failure), keeping Twilio's error on a failure; a report for a SID no message of the
// channel has yet is kept and applied when the message gets it. Scoped by the event's channel and
// organization, so a report can only touch that channel's messages. A rerun changes nothing.
import type { PrismaClient } from "~/generated/prisma/client";
import { findMessageByProviderId } from "~/models/message.server";
import { advanceMessageStatus, takePendingStatuses, type StatusReport } from "~/models/message-status.server";
import { applyStatusReport } from "~/services/conversation/apply-status-report.server";
import { findWebhookEvent, markWebhookEventProcessed } from "~/models/webhook-event.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { fromTwilioStatus } from "~/domain/conversation/message-status";
import { twilioStatusSchema } from "~/domain/conversation/twilio-webhook";
import { now } from "~/utils/clock";

type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export type StatusOutcome = "moved" | "unchanged" | "kept" | "already processed" | "not found" | "refused";

type Where = { organizationId: string; channelId: string; providerMessageId: string };

/** Applies a report; publishes message.changed when the message moved. */
async function applyReport(tx: Tx, where: Where, report: StatusReport): Promise<boolean> {
  const moved = await advanceMessageStatus(tx, where, report);
  if (!moved) return false;
  await publishLiveEvent(tx, where.organizationId, {
    type: "message.changed",
    messageId: moved.id,
    conversationId: moved.conversationId,
    contactId: moved.contactId,
  });
  return true;
}

export async function applyTwilioStatus(db: PrismaClient, { webhookEventId }: { webhookEventId: string }): Promise<StatusOutcome> {
  const event = await findWebhookEvent(db, { id: webhookEventId });
  if (!event || event.provider !== "twilio" || event.kind !== "status") return "not found";
  if (event.processedAt) return "already processed";
  const refuse = async (reason: string): Promise<StatusOutcome> => {
    await markWebhookEventProcessed(db, { id: event.id, at: now(), error: reason });
    return "refused";
  };
  if (!event.organizationId || !event.channelId) return refuse("The event names no channel.");
  const parsed = twilioStatusSchema.safeParse(event.payload);
  if (!parsed.success) return refuse(parsed.error.issues[0]?.message ?? "The stored post is not a Twilio status.");
  const status = fromTwilioStatus(parsed.data.MessageStatus);
  if (!status || status === "RECEIVED") return refuse(`Status "${parsed.data.MessageStatus}" is not one we track.`);
  const where: Where = { organizationId: event.organizationId, channelId: event.channelId, providerMessageId: parsed.data.MessageSid };
  const report: StatusReport = {
    status,
    occurredAt: event.receivedAt,
    errorCode: parsed.data.ErrorCode || null,
    errorMessage: parsed.data.ErrorMessage || null,
  };

  // The same path every status takes (the sandbox's too): it holds the provider id's lock, which the
  // send also takes while it stores the id and applies what arrived early, so a report is never lost.
  const outcome = await db.$transaction(async (tx): Promise<StatusOutcome> => {
    const result = await applyStatusReport(tx, where, report);
    await markWebhookEventProcessed(tx, { id: event.id, at: now() });
    return result;
  });
  // The message may have been given this SID while the report was being kept: apply what waits for it.
  if (outcome === "kept" && (await findMessageByProviderId(db, where))) await applyPendingStatuses(db, where);
  return outcome;
}

/** Applies (and removes) the reports kept for a message's SID, oldest first. For whoever stores a SID on a message, after commit. */
export async function applyPendingStatuses(db: PrismaClient, where: Where): Promise<number> {
  return db.$transaction(async (tx) => {
    let moved = 0;
    for (const report of await takePendingStatuses(tx, where)) if (await applyReport(tx, where, report)) moved += 1;
    return moved;
  });
}
