// Sends one queued message through its channel's provider: the work of the messages_send job.
//
// The row before the effect: the message was written QUEUED by sendMessage. Here it is marked
// SENDING in its own committed step, then the provider is called outside any transaction, then the
// provider's id and status are stored with whatever statuses arrived early. A job that finds the
// message already SENDING without a provider id cannot know whether the provider got it (the process
// died between the call and the store): it marks it FAILED with that reason instead of risking a
// second copy. Retryable provider errors (no answer, 5xx, 429) put it back to QUEUED and throw, so
// the job retries with backoff; permanent ones (other 4xx, Twilio 21211, 21610) mark it FAILED with
// the reason in words, and 21610 records the opt-out.
import { ZodError } from "zod";
import { TRPCError } from "@trpc/server";
import type { PrismaClient } from "~/generated/prisma/client";
import { CONSENT_CHANNEL_LABELS } from "~/domain/contact/contact-labels";
import { deliveryErrorWords } from "~/domain/conversation/delivery-error-words";
import { fromTwilioStatus, MESSAGE_STATUS_RANK } from "~/domain/conversation/message-status";
import { numberedTemplateVariables } from "~/domain/conversation/message-template";
import { isOptOutConfirmation } from "~/domain/conversation/opt-out-keywords";
import { findConsent } from "~/models/contact.server";
import {
  findMessageToSend,
  hasEarlierUnsentMessage,
  recordProviderMessageId,
  returnMessageToQueue,
  type MessageToSend,
} from "~/models/message.server";
import { advanceMessageStatus, takePendingStatuses, type StatusReport } from "~/models/message-status.server";
import { sandboxDeliveryPlan } from "~/providers/messaging/index.server";
import { ProviderError } from "~/providers/provider-error";
import { systemActor } from "~/services/command.server";
import { setConsent } from "~/services/contact/set-consent.server";
import { lockProviderMessageId } from "~/services/conversation/apply-status-report.server";
import { senderForChannel, type ChannelSender } from "~/services/conversation/channel-sender.server";
import { takeSendSlot } from "~/services/conversation/message-send-rate.server";
import { enqueueJobs, jobKey } from "~/services/jobs.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { now } from "~/utils/clock";

export type DeliveryOutcome =
  | { outcome: "skipped"; reason: string }
  | { outcome: "later"; runAt: Date; reason: "rate" | "order"; conversationId: string }
  | { outcome: "accepted"; providerMessageId: string }
  | { outcome: "failed"; errorCode: string; errorMessage: string };

/** How long a message waits for an earlier one of its conversation before looking again. */
export const WAIT_FOR_EARLIER_MS = 500;

export const INTERRUPTED_SEND_WORDS =
  "Sending was interrupted before the provider's answer was stored, so we can't tell whether it arrived. It was not sent again, to avoid a duplicate; send it again if the customer did not get it.";

type Scope = { organizationId: string; messageId: string };

async function announce(db: PrismaClient, message: Pick<MessageToSend, "id" | "conversationId" | "contactId" | "organizationId">) {
  await publishLiveEvent(db, message.organizationId, {
    type: "message.changed",
    messageId: message.id,
    conversationId: message.conversationId,
    contactId: message.contactId,
  });
}

async function fail(db: PrismaClient, message: MessageToSend, errorCode: string, errorMessage: string): Promise<DeliveryOutcome> {
  await db.$transaction(async (tx) => {
    const moved = await advanceMessageStatus(tx, { organizationId: message.organizationId, id: message.id }, { status: "FAILED", occurredAt: now(), errorCode, errorMessage });
    if (moved) await announce(tx as PrismaClient, message);
    if (errorCode === "21610") {
      await setConsent(tx, { organizationId: message.organizationId, actor: systemActor("Twilio") }, {
        contactId: message.contactId,
        channel: message.channel.kind,
        status: "OPTED_OUT",
        reason: "Twilio refused a send: the recipient had unsubscribed (error 21610).",
      });
    }
  });
  return { outcome: "failed", errorCode, errorMessage };
}

/** Why this message may not go now, although it was allowed when queued; null when it may. */
async function noLongerAllowed(db: PrismaClient, message: MessageToSend): Promise<string | null> {
  if (!message.channel.enabled) return `The channel “${message.channel.name}” was turned off before this message went out.`;
  const consent = await findConsent(db, { organizationId: message.organizationId, contactId: message.contactId, channel: message.channel.kind });
  // The confirmation of that opt-out is the one message that still goes.
  if (consent?.status === "OPTED_OUT" && !isOptOutConfirmation(message)) {
    return `${message.contact.name} opted out of ${CONSENT_CHANNEL_LABELS[message.channel.kind]} messages before this one went out; it was not sent.`;
  }
  return null;
}

async function callProvider(sender: ChannelSender, message: MessageToSend): Promise<{ providerMessageId: string; report: StatusReport | null; provider: string }> {
  if (sender.kind === "email") {
    const result = await sender.provider.send({
      organizationId: message.organizationId,
      to: message.contact.email!,
      subject: message.template?.name ?? message.channel.name,
      text: message.body,
      // The Message-ID is derived from our message id: a reply threads to it, and a mailbox drops a repeat.
      idempotencyKey: `message:${message.id}`,
    });
    return { providerMessageId: result.externalId, report: { status: "SENT", occurredAt: now() }, provider: sender.provider.name };
  }
  const addressing = {
    organizationId: message.organizationId,
    channel: message.channel.kind as "WHATSAPP" | "SMS",
    from: sender.from,
    to: message.contact.phone!,
    statusCallbackUrl: sender.statusCallbackUrl,
  };
  const result =
    message.kind === "TEMPLATE" && message.template?.contentSid
      ? await sender.provider.sendTemplate({
          ...addressing,
          contentSid: message.template.contentSid,
          templateName: message.template.name,
          variables: numberedTemplateVariables(message.template.body, (message.templateVariables ?? {}) as Record<string, string>),
          renderedBody: message.body,
        })
      : await sender.provider.sendText({ ...addressing, body: message.body });
  const status = fromTwilioStatus(result.status);
  return {
    providerMessageId: result.externalId,
    report: status && MESSAGE_STATUS_RANK[status] > MESSAGE_STATUS_RANK.SENDING ? { status, occurredAt: now() } : null,
    provider: sender.provider.name,
  };
}

async function storeAccepted(db: PrismaClient, message: MessageToSend, accepted: { providerMessageId: string; report: StatusReport | null; provider: string }) {
  const ref = { organizationId: message.organizationId, channelId: message.channelId, providerMessageId: accepted.providerMessageId };
  await db.$transaction(async (tx) => {
    await recordProviderMessageId(tx, { organizationId: message.organizationId, id: message.id, providerMessageId: accepted.providerMessageId });
    await lockProviderMessageId(tx, ref);
    const reports = [...(accepted.report ? [accepted.report] : []), ...(await takePendingStatuses(tx, ref))];
    for (const report of reports) await advanceMessageStatus(tx, { organizationId: message.organizationId, id: message.id }, report);
    if (accepted.provider === "sandbox" && message.channel.kind !== "EMAIL") {
      // The sandbox reports like Twilio does, later, through the same status path.
      const sentAt = now().getTime();
      await enqueueJobs(
        tx,
        "messages_sandbox_status",
        sandboxDeliveryPlan(message.contact.phone!).map((step) => ({
          payload: { ...ref, status: step.status, occurredAt: new Date(sentAt + step.afterMs).toISOString(), errorCode: step.errorCode, errorMessage: step.errorMessage },
          jobKey: jobKey("messages_sandbox_status", `${accepted.providerMessageId}:${step.status}`),
          runAt: new Date(sentAt + step.afterMs),
        })),
      );
    }
    await announce(tx as PrismaClient, message);
  });
}

/** A provider error, or a refusal of our own input (an invalid number), as what the job should do. */
function classify(error: unknown): { retry: true } | { retry: false; code: string; words: string } {
  if (error instanceof ProviderError) {
    if (error.retryable) return { retry: true };
    return { retry: false, code: error.code ?? String(error.status ?? "REFUSED"), words: deliveryErrorWords(error.provider, error.code, error.message) };
  }
  if (error instanceof ZodError) return { retry: false, code: "INVALID", words: `Not sent: ${error.issues[0]?.message ?? "the message is not valid"}.` };
  if (error instanceof TRPCError) return { retry: false, code: error.code, words: error.message };
  return { retry: true };
}

/**
 * Sends the message if it is still due. `lastAttempt`: the job will not run again, so a retryable
 * error marks the message FAILED instead of leaving it queued forever.
 */
export async function deliverMessage(db: PrismaClient, { organizationId, messageId }: Scope, { lastAttempt }: { lastAttempt: boolean }): Promise<DeliveryOutcome> {
  const message = await findMessageToSend(db, { organizationId, id: messageId });
  if (!message || message.direction !== "OUTBOUND" || message.kind === "NOTE") return { outcome: "skipped", reason: "not an outbound message" };
  if (message.status === "SENDING") {
    if (message.providerMessageId) return { outcome: "skipped", reason: "already accepted by the provider" };
    return fail(db, message, "INTERRUPTED", INTERRUPTED_SEND_WORDS);
  }
  if (message.status !== "QUEUED") return { outcome: "skipped", reason: `already ${message.status.toLowerCase()}` };

  const [refusal, waitsForEarlier] = await Promise.all([
    noLongerAllowed(db, message),
    hasEarlierUnsentMessage(db, { organizationId, conversationId: message.conversationId, createdAt: message.createdAt }),
  ]);
  if (refusal) return fail(db, message, "REFUSED", refusal);
  if (waitsForEarlier) {
    return { outcome: "later", runAt: new Date(now().getTime() + WAIT_FOR_EARLIER_MS), reason: "order", conversationId: message.conversationId };
  }
  const slot = await takeSendSlot(message.channel);
  if (!slot.granted) return { outcome: "later", runAt: new Date(now().getTime() + slot.retryInMs + Math.floor(Math.random() * 50)), reason: "rate", conversationId: message.conversationId };

  let sender: ChannelSender;
  try {
    sender = senderForChannel(message.channel);
  } catch (error) {
    const verdict = classify(error);
    return fail(db, message, verdict.retry ? "SETUP" : verdict.code, verdict.retry ? String((error as Error).message) : verdict.words);
  }

  // Its own committed step: from here a second job can tell a send may have happened.
  const claimed = await advanceMessageStatus(db, { organizationId, id: message.id }, { status: "SENDING", occurredAt: now() });
  if (!claimed) return { outcome: "skipped", reason: "moved meanwhile" };

  let accepted;
  try {
    accepted = await callProvider(sender, message);
  } catch (error) {
    const verdict = classify(error);
    if (verdict.retry && !lastAttempt) {
      await returnMessageToQueue(db, { organizationId, id: message.id });
      throw error;
    }
    if (verdict.retry) return fail(db, message, "RETRIES_EXHAUSTED", `Not sent: the provider kept failing (${(error as Error).message}).`.slice(0, 500));
    return fail(db, message, verdict.code, verdict.words);
  }
  await storeAccepted(db, message, accepted);
  return { outcome: "accepted", providerMessageId: accepted.providerMessageId };
}
