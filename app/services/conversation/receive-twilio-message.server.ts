// Processing stored inbound Twilio webhooks: read the event, its channel and its fields again,
// receive the message, and mark the event processed in the same transaction. A rerun finds it
// processed (or the message stored) and changes nothing. A post that can never become a message
// (its channel gone, a sender that is no phone number) is marked processed with the reason.
//
// Under load the worker hands several events to `receiveTwilioMessages`, which locks them and
// receives them with `receiveMessages` (receiveMessage's set-based twin) in one transaction (one
// commit and two inbox statements for all of them); anything unusual in a batch (a refusal, an
// error) sends each of its events down the one-at-a-time path instead, so a batch never decides
// differently from a single event.
import { TRPCError } from "@trpc/server";
import type { Channel, PrismaClient, WebhookEvent } from "~/generated/prisma/client";
import { findChannel } from "~/models/channel.server";
import { findWebhookEvent, lockWebhookEvents, markWebhookEventProcessed, markWebhookEventsProcessed } from "~/models/webhook-event.server";
import { systemActor, type CommandContext, type CommandTx } from "~/services/command.server";
import { receiveMessage, type ReceiveMessageInput } from "~/services/conversation/receive-message.server";
import { receiveMessages } from "~/services/conversation/receive-messages.server";
import { CONSENT_CHANNEL_LABELS } from "~/domain/contact/contact-labels";
import { twilioAddress, twilioInboundSchema, twilioMedia, type TwilioInbound } from "~/domain/conversation/twilio-webhook";
import type { BatchResults } from "~/utils/micro-batch";
import { now } from "~/utils/clock";

export type ReceiveOutcome = "received" | "duplicate" | "already processed" | "not found" | "refused";

/** How long one batch's transaction may run before it is abandoned for the one-at-a-time path. */
const BATCH_TRANSACTION_TIMEOUT_MS = 30_000;

type Readable = { channel: Channel; params: TwilioInbound; organizationId: string };
type EventCheck = { outcome: "not found" | "already processed" } | { refusal: string } | { readable: Readable };

/** What stands between a stored event and receiveMessage: its kind, whether it is done, its channel, its fields. */
async function checkEvent(
  db: PrismaClient | CommandTx,
  event: WebhookEvent | null,
  channelOf: (organizationId: string, id: string) => Promise<Channel | null>,
): Promise<EventCheck> {
  if (!event || event.provider !== "twilio" || event.kind !== "inbound") return { outcome: "not found" };
  if (event.processedAt) return { outcome: "already processed" };
  if (!event.organizationId || !event.channelId) return { refusal: "The event names no channel." };
  const channel = await channelOf(event.organizationId, event.channelId);
  if (!channel) return { refusal: "The channel no longer exists." };
  const parsed = twilioInboundSchema.safeParse(event.payload);
  if (!parsed.success) return { refusal: parsed.error.issues[0]?.message ?? "The stored post is not a Twilio message." };
  return { readable: { channel, params: parsed.data, organizationId: event.organizationId } };
}

function eventContext({ channel, organizationId }: Readable): CommandContext {
  return { organizationId, actor: systemActor(CONSENT_CHANNEL_LABELS[channel.kind]) };
}

function eventMessageInput(event: WebhookEvent, { channel, params }: Readable): ReceiveMessageInput {
  return {
    channelId: channel.id,
    from: { phone: twilioAddress(params.From), ...(params.ProfileName?.trim() ? { name: params.ProfileName.trim() } : {}) },
    providerMessageId: params.MessageSid,
    body: params.Body,
    media: twilioMedia(params),
    sentAt: event.receivedAt,
  };
}

export async function receiveTwilioMessage(db: PrismaClient, { webhookEventId }: { webhookEventId: string }): Promise<ReceiveOutcome> {
  const event = await findWebhookEvent(db, { id: webhookEventId });
  const check = await checkEvent(db, event, (organizationId, id) => findChannel(db, { organizationId, id }));
  const refuse = async (reason: string): Promise<ReceiveOutcome> => {
    await markWebhookEventProcessed(db, { id: webhookEventId, at: now(), error: reason });
    return "refused";
  };
  if ("outcome" in check) return check.outcome;
  if ("refusal" in check) return refuse(check.refusal);

  try {
    return await db.$transaction(async (tx) => {
      const received = await receiveMessage(tx, eventContext(check.readable), eventMessageInput(event!, check.readable));
      await markWebhookEventProcessed(tx, { id: webhookEventId, at: now() });
      return received.created ? "received" : "duplicate";
    });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "BAD_REQUEST" || error.code === "NOT_FOUND")) return refuse(error.message);
    throw error;
  }
}

/** A batch met something only the one-at-a-time path decides (a refusal to record). */
class NeedsOneAtATime extends Error {}

/**
 * Several stored inbound events in one transaction, each through receiveMessage, in the order that
 * keeps two batches from waiting on each other (by sender, then arrival). Each id gets its own
 * outcome, or its own error when even the one-at-a-time path failed for it.
 */
export async function receiveTwilioMessages(db: PrismaClient, { webhookEventIds }: { webhookEventIds: string[] }): Promise<BatchResults<string, ReceiveOutcome>> {
  const ids = [...new Set(webhookEventIds)];
  const results: BatchResults<string, ReceiveOutcome> = new Map();
  try {
    await db.$transaction(
      async (tx) => {
        results.clear();
        const events = await lockWebhookEvents(tx, { ids });
        const channels = new Map<string, Promise<Channel | null>>();
        const channelOf = (organizationId: string, id: string) => {
          const key = `${organizationId}:${id}`;
          if (!channels.has(key)) channels.set(key, findChannel(tx, { organizationId, id }));
          return channels.get(key)!;
        };
        const due: Array<{ event: WebhookEvent; readable: Readable }> = [];
        for (const event of events) {
          const check = await checkEvent(tx, event, channelOf);
          if ("refusal" in check) throw new NeedsOneAtATime(check.refusal);
          if ("outcome" in check) results.set(event.id, { ok: true, value: check.outcome });
          else due.push({ event, readable: check.readable });
        }
        due.sort((a, b) => compareText(a.readable.params.From, b.readable.params.From) || a.event.receivedAt.getTime() - b.event.receivedAt.getTime());
        // One set-based receive per organization and actor, in the sorted order.
        const groups = new Map<string, { context: CommandContext; events: typeof due }>();
        for (const entry of due) {
          const context = eventContext(entry.readable);
          const key = `${context.organizationId}:${context.actor.label}`;
          if (!groups.has(key)) groups.set(key, { context, events: [] });
          groups.get(key)!.events.push(entry);
        }
        for (const { context, events: group } of groups.values()) {
          const received = await receiveMessages(tx, context, group.map(({ event, readable }) => eventMessageInput(event, readable)));
          group.forEach(({ event }, index) => results.set(event.id, { ok: true, value: received[index]!.created ? "received" : "duplicate" }));
        }
        await markWebhookEventsProcessed(tx, { ids: due.map(({ event }) => event.id), at: now() });
      },
      { timeout: BATCH_TRANSACTION_TIMEOUT_MS },
    );
    for (const id of ids) if (!results.has(id)) results.set(id, { ok: true, value: "not found" });
    return results;
  } catch {
    // A refusal, a deadlock, a timeout: every event again on its own, each with its own result.
    results.clear();
    for (const id of ids) {
      try {
        results.set(id, { ok: true, value: await receiveTwilioMessage(db, { webhookEventId: id }) });
      } catch (error) {
        results.set(id, { ok: false, error });
      }
    }
    return results;
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
