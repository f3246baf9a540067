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
//
// The send jobs running at the same moment are delivered together (deliverMessages): one read of
// their messages and checks, one statement marks them SENDING, the provider is called for each, and
// the answers are stored in one transaction. Each message still decides alone; one message on its
// own (deliverMessage) is a batch of one.
import { ZodError } from "zod";
import { TRPCError } from "@trpc/server";
import type { PrismaClient } from "~/generated/prisma/client";
import { CONSENT_CHANNEL_LABELS } from "~/domain/contact/contact-labels";
import { deliveryErrorWords } from "~/domain/conversation/delivery-error-words";
import { fromTwilioStatus, MESSAGE_STATUS_RANK } from "~/domain/conversation/message-status";
import { numberedTemplateVariables } from "~/domain/conversation/message-template";
import { isOptOutConfirmation } from "~/domain/conversation/opt-out-keywords";
import { findMessagesToSend, returnMessageToQueue, type MessageToSend, type SendCheck } from "~/models/message.server";
import { advanceMessageStatus, advanceMessageStatuses, storeProviderMessageIds, type StatusReport } from "~/models/message-status.server";
import { sandboxDeliveryPlan, type SandboxStatusStep } from "~/providers/messaging/index.server";
import { ProviderError } from "~/providers/provider-error";
import { systemActor } from "~/services/command.server";
import { setConsent } from "~/services/contact/set-consent.server";
import { lockProviderMessageIds } from "~/services/conversation/apply-status-report.server";
import { senderForChannel, type ChannelSender } from "~/services/conversation/channel-sender.server";
import { takeSendSlot } from "~/services/conversation/message-send-rate.server";
import { enqueueJobsSql, jobKey } from "~/services/jobs.server";
import { publishLiveEvent, publishLiveEventsSql } from "~/services/live-events.server";
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

/** One send job's request: its message, and whether the job will run again after this attempt. */
export type DeliveryRequest = Scope & { lastAttempt: boolean };
export type DeliveryResult = { ok: true; value: DeliveryOutcome } | { ok: false; error: unknown };

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
function noLongerAllowed(message: MessageToSend & SendCheck): string | null {
  if (!message.channel.enabled) return `The channel “${message.channel.name}” was turned off before this message went out.`;
  // The confirmation of that opt-out is the one message that still goes.
  if (message.consent === "OPTED_OUT" && !isOptOutConfirmation(message)) {
    return `${message.contact.name} opted out of ${CONSENT_CHANNEL_LABELS[message.channel.kind]} messages before this one went out; it was not sent.`;
  }
  return null;
}

async function callProvider(sender: ChannelSender, message: MessageToSend): Promise<Accepted> {
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

type Accepted = { providerMessageId: string; report: StatusReport | null; provider: string };

/**
 * Stores what the provider answered for several sends of one organization in one transaction: the
 * provider ids, each one's first status and the statuses that arrived before it, the sandbox's later
 * reports (one job per step for the sends of a channel), and one live event each.
 */
async function storeAccepted(db: PrismaClient, organizationId: string, sends: Array<{ message: MessageToSend; accepted: Accepted }>) {
  const refs = sends.map(({ message, accepted }) => ({ channelId: message.channelId, providerMessageId: accepted.providerMessageId }));
  await db.$transaction(async (tx) => {
    await lockProviderMessageIds(tx, refs);
    const early = await storeProviderMessageIds(tx, {
      organizationId,
      entries: sends.map(({ message, accepted }) => ({ id: message.id, channelId: message.channelId, providerMessageId: accepted.providerMessageId })),
    });
    for (const { message, accepted } of sends) {
      const reports = [
        ...(accepted.report ? [accepted.report] : []),
        ...early.filter((pending) => pending.channelId === message.channelId && pending.providerMessageId === accepted.providerMessageId),
      ];
      for (const report of reports) await advanceMessageStatus(tx, { organizationId, id: message.id }, report);
    }
    // The sandbox reports like Twilio does, later, through the same status path.
    const sentAt = now().getTime();
    const steps = new Map<string, { channelId: string; step: SandboxStatusStep; providerMessageIds: string[] }>();
    for (const { message, accepted } of sends) {
      if (accepted.provider !== "sandbox" || message.channel.kind === "EMAIL") continue;
      for (const step of sandboxDeliveryPlan(message.contact.phone!)) {
        const group = `${message.channelId}|${step.status}|${step.afterMs}|${step.errorCode ?? ""}`;
        const entry = steps.get(group) ?? { channelId: message.channelId, step, providerMessageIds: [] };
        entry.providerMessageIds.push(accepted.providerMessageId);
        steps.set(group, entry);
      }
    }
    const reportJobs = [...steps.values()].map(({ channelId, step, providerMessageIds }) => ({
      payload: {
        organizationId,
        channelId,
        providerMessageIds,
        status: step.status,
        occurredAt: new Date(sentAt + step.afterMs).toISOString(),
        errorCode: step.errorCode,
        errorMessage: step.errorMessage,
      },
      jobKey: jobKey("messages_sandbox_status", `${providerMessageIds[0]}:${step.status}`),
      runAt: new Date(sentAt + step.afterMs),
    }));
    const changed = sends.map(({ message }) => ({ type: "message.changed" as const, messageId: message.id, conversationId: message.conversationId, contactId: message.contactId }));
    // The sandbox's report jobs and the live events in one statement.
    await tx.$executeRaw`SELECT ${enqueueJobsSql("messages_sandbox_status", reportJobs)}, ${publishLiveEventsSql(organizationId, changed)}`;
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
export async function deliverMessage(db: PrismaClient, scope: Scope, { lastAttempt }: { lastAttempt: boolean }): Promise<DeliveryOutcome> {
  const [result] = await deliverMessages(db, [{ ...scope, lastAttempt }]);
  if (!result!.ok) throw result!.error;
  return result!.value;
}

/**
 * Sends each requested message that is still due, each deciding as deliverMessage does alone; one
 * result per request, in order (an error is what that message's job should throw). A message asked
 * for twice in one call is delivered once; the second request then finds it sent.
 */
export async function deliverMessages(db: PrismaClient, requests: DeliveryRequest[]): Promise<DeliveryResult[]> {
  const results: Array<DeliveryResult | undefined> = new Array(requests.length);
  const first = new Map<string, number>();
  const repeats: number[] = [];
  requests.forEach((request, index) => {
    const key = `${request.organizationId}:${request.messageId}`;
    if (first.has(key)) repeats.push(index);
    else first.set(key, index);
  });
  const byOrganization = new Map<string, number[]>();
  for (const index of first.values()) {
    const organizationId = requests[index]!.organizationId;
    byOrganization.set(organizationId, [...(byOrganization.get(organizationId) ?? []), index]);
  }
  await Promise.all(
    [...byOrganization].map(async ([organizationId, indexes]) => {
      const outcomes = await deliverForOrganization(db, organizationId, indexes.map((index) => requests[index]!));
      indexes.forEach((index, n) => (results[index] = outcomes[n]));
    }),
  );
  for (const index of repeats) results[index] = await settle(deliverForOrganization(db, requests[index]!.organizationId, [requests[index]!]).then(([only]) => unwrap(only!)));
  return results as DeliveryResult[];
}

const settle = (work: Promise<DeliveryOutcome>): Promise<DeliveryResult> =>
  work.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
const unwrap = (result: DeliveryResult): DeliveryOutcome => {
  if (!result.ok) throw result.error;
  return result.value;
};

type Due = { request: DeliveryRequest; message: MessageToSend; sender: ChannelSender };

/** What a message needs before it may be marked SENDING: an outcome now, or its sender. */
async function prepare(db: PrismaClient, request: DeliveryRequest, message: (MessageToSend & SendCheck) | undefined): Promise<DeliveryOutcome | Due> {
  if (!message || message.direction !== "OUTBOUND" || message.kind === "NOTE") return { outcome: "skipped", reason: "not an outbound message" };
  if (message.status === "SENDING") {
    if (message.providerMessageId) return { outcome: "skipped", reason: "already accepted by the provider" };
    return fail(db, message, "INTERRUPTED", INTERRUPTED_SEND_WORDS);
  }
  if (message.status !== "QUEUED") return { outcome: "skipped", reason: `already ${message.status.toLowerCase()}` };

  const refusal = noLongerAllowed(message);
  if (refusal) return fail(db, message, "REFUSED", refusal);
  if (message.waitsForEarlier) {
    return { outcome: "later", runAt: new Date(now().getTime() + WAIT_FOR_EARLIER_MS), reason: "order", conversationId: message.conversationId };
  }
  const slot = await takeSendSlot(message.channel);
  if (!slot.granted) return { outcome: "later", runAt: new Date(now().getTime() + slot.retryInMs + Math.floor(Math.random() * 50)), reason: "rate", conversationId: message.conversationId };

  try {
    return { request, message, sender: senderForChannel(message.channel) };
  } catch (error) {
    const verdict = classify(error);
    return fail(db, message, verdict.retry ? "SETUP" : verdict.code, verdict.retry ? String((error as Error).message) : verdict.words);
  }
}

/** After the provider refused or did not answer: back to the queue and throw (a retry), or failed. */
async function afterProviderError(db: PrismaClient, { request, message }: Due, error: unknown): Promise<DeliveryOutcome> {
  const verdict = classify(error);
  if (verdict.retry && !request.lastAttempt) {
    await returnMessageToQueue(db, { organizationId: message.organizationId, id: message.id });
    throw error;
  }
  if (verdict.retry) return fail(db, message, "RETRIES_EXHAUSTED", `Not sent: the provider kept failing (${(error as Error).message}).`.slice(0, 500));
  return fail(db, message, verdict.code, verdict.words);
}

async function deliverForOrganization(db: PrismaClient, organizationId: string, requests: DeliveryRequest[]): Promise<DeliveryResult[]> {
  const ids = requests.map((request) => request.messageId);
  const messageById = new Map((await findMessagesToSend(db, { organizationId, ids })).map((message) => [message.id, message]));
  const results: Array<DeliveryResult | undefined> = new Array(requests.length);
  const due: Array<{ index: number; send: Due }> = [];
  await Promise.all(
    requests.map(async (request, index) => {
      try {
        const prepared = await prepare(db, request, messageById.get(request.messageId));
        if ("sender" in prepared) due.push({ index, send: prepared });
        else results[index] = { ok: true, value: prepared };
      } catch (error) {
        results[index] = { ok: false, error };
      }
    }),
  );
  if (due.length === 0) return results as DeliveryResult[];

  // Their own committed step: from here a second job can tell a send may have happened.
  const marked = await advanceMessageStatuses(db, { organizationId, ids: due.map(({ send }) => send.message.id) }, { status: "SENDING", occurredAt: now() });
  const claimed = new Set(marked.map((message) => message.id));
  const answered = await Promise.all(
    due.map(async ({ index, send }) => {
      if (!claimed.has(send.message.id)) {
        results[index] = { ok: true, value: { outcome: "skipped", reason: "moved meanwhile" } };
        return null;
      }
      try {
        return { index, message: send.message, accepted: await callProvider(send.sender, send.message) };
      } catch (error) {
        results[index] = await settle(afterProviderError(db, send, error));
        return null;
      }
    }),
  );
  const accepted = answered.filter((send) => send !== null);
  const stored = async (sends: typeof accepted) => {
    await storeAccepted(db, organizationId, sends);
    for (const send of sends) results[send.index] = { ok: true, value: { outcome: "accepted", providerMessageId: send.accepted.providerMessageId } };
  };
  try {
    if (accepted.length > 0) await stored(accepted);
  } catch (error) {
    if (accepted.length === 1) results[accepted[0]!.index] = { ok: false, error };
    // A deadlock or a lost connection: each answer stored on its own, so one cannot cost the others theirs.
    else for (const send of accepted) await stored([send]).catch((alone: unknown) => (results[send.index] = { ok: false, error: alone }));
  }
  return results as DeliveryResult[];
}
