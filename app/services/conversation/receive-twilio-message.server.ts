// Processing a stored inbound Twilio webhook: read the event, its channel and its fields again,
// receive the message, and mark the event processed in the same transaction. A rerun finds it
// processed (or the message stored) and changes nothing. A post that can never become a message
// (its channel gone, a sender that is no phone number) is marked processed with the reason.
import { TRPCError } from "@trpc/server";
import type { PrismaClient } from "~/generated/prisma/client";
import { findChannel } from "~/models/channel.server";
import { findWebhookEvent, markWebhookEventProcessed } from "~/models/webhook-event.server";
import { systemActor } from "~/services/command.server";
import { receiveMessage } from "~/services/conversation/receive-message.server";
import { CONSENT_CHANNEL_LABELS } from "~/domain/contact/contact-labels";
import { twilioAddress, twilioInboundSchema, twilioMedia } from "~/domain/conversation/twilio-webhook";
import { now } from "~/utils/clock";

export type ReceiveOutcome = "received" | "duplicate" | "already processed" | "not found" | "refused";

export async function receiveTwilioMessage(db: PrismaClient, { webhookEventId }: { webhookEventId: string }): Promise<ReceiveOutcome> {
  const event = await findWebhookEvent(db, { id: webhookEventId });
  if (!event || event.provider !== "twilio" || event.kind !== "inbound") return "not found";
  if (event.processedAt) return "already processed";
  const refuse = async (reason: string): Promise<ReceiveOutcome> => {
    await markWebhookEventProcessed(db, { id: event.id, at: now(), error: reason });
    return "refused";
  };
  if (!event.organizationId || !event.channelId) return refuse("The event names no channel.");
  const channel = await findChannel(db, { organizationId: event.organizationId, id: event.channelId });
  if (!channel) return refuse("The channel no longer exists.");
  const parsed = twilioInboundSchema.safeParse(event.payload);
  if (!parsed.success) return refuse(parsed.error.issues[0]?.message ?? "The stored post is not a Twilio message.");
  const params = parsed.data;
  const organizationId = event.organizationId;

  try {
    return await db.$transaction(async (tx) => {
      const received = await receiveMessage(tx, { organizationId, actor: systemActor(CONSENT_CHANNEL_LABELS[channel.kind]) }, {
        channelId: channel.id,
        from: { phone: twilioAddress(params.From), ...(params.ProfileName?.trim() ? { name: params.ProfileName.trim() } : {}) },
        providerMessageId: params.MessageSid,
        body: params.Body,
        media: twilioMedia(params),
        sentAt: event.receivedAt,
      });
      await markWebhookEventProcessed(tx, { id: event.id, at: now() });
      return received.created ? "received" : "duplicate";
    });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "BAD_REQUEST" || error.code === "NOT_FOUND")) return refuse(error.message);
    throw error;
  }
}
