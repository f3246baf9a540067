// Processing one stored inbound email (the messages_receive_email job): re-read the event and its
// channel, skip what is already done, and hand the message to receiveMessage, the one command every
// inbound path uses, in the transaction that marks the event processed.
import type { PrismaClient } from "~/generated/prisma/client";
import { findChannelForWebhook } from "~/models/channel.server";
import { findWebhookEvent, markWebhookEventProcessed } from "~/models/webhook-event.server";
import { systemActor, type CommandContext, type CommandTx } from "~/services/command.server";
import { inboundEmailSchema, type InboundEmail } from "~/services/conversation/parse-inbound-email.server";
import { z } from "zod";
import { now } from "~/utils/clock";

/** What receiveMessage (app/services/conversation/receive-message.server.ts) takes. */
export type ReceiveMessageInput = {
  channelId: string;
  from: { phone?: string; email?: string; name?: string };
  providerMessageId: string;
  body: string;
  html?: string;
  subject?: string;
  inReplyTo?: string[];
  media: Array<{ type: string; name?: string; contentType?: string; size?: number }>;
  sentAt: Date;
};
export type ReceiveMessage = (tx: CommandTx, context: CommandContext, input: ReceiveMessageInput) => Promise<unknown>;

const eventPayloadSchema = z.object({ email: inboundEmailSchema });

function mediaType(contentType: string): string {
  const [family] = contentType.toLowerCase().split("/");
  return family === "image" || family === "audio" || family === "video" ? family : "document";
}

/** The ids a reply may thread by, nearest first: In-Reply-To, then References from the newest back. */
export function threadIds(email: Pick<InboundEmail, "inReplyTo" | "references">): string[] {
  return [...new Set([...email.inReplyTo, ...[...email.references].reverse()])];
}

/** The message as receiveMessage takes it. */
export function receivedEmailInput(channelId: string, email: InboundEmail, fallbackId: string, receivedAt: Date): ReceiveMessageInput {
  return {
    channelId,
    from: { email: email.from.address, ...(email.from.name ? { name: email.from.name } : {}) },
    providerMessageId: email.messageId ?? fallbackId,
    body: email.text,
    ...(email.html ? { html: email.html } : {}),
    ...(email.subject ? { subject: email.subject } : {}),
    inReplyTo: threadIds(email),
    media: email.attachments.map((attachment) => ({ type: mediaType(attachment.contentType), ...attachment })),
    sentAt: email.sentAt ? new Date(email.sentAt) : receivedAt,
  };
}

export type ReceiveInboundEmailResult = "received" | "already_processed" | "missing" | "channel_unavailable";

export async function receiveInboundEmail(
  db: PrismaClient,
  { webhookEventId }: { webhookEventId: string },
  receive: ReceiveMessage,
): Promise<ReceiveInboundEmailResult> {
  const event = await findWebhookEvent(db, { id: webhookEventId });
  if (!event || event.provider !== "email" || event.kind !== "inbound") return "missing";
  if (event.processedAt) return "already_processed";
  const channel = event.channelId ? await findChannelForWebhook(db, { id: event.channelId }) : null;
  if (!channel || channel.organizationId !== event.organizationId || !channel.enabled) {
    await markWebhookEventProcessed(db, { id: event.id, at: now(), error: "The channel was removed or switched off before the message was processed." });
    return "channel_unavailable";
  }
  const { email } = eventPayloadSchema.parse(event.payload);
  await db.$transaction(async (tx) => {
    const context = { organizationId: channel.organizationId, actor: systemActor(`Email: ${channel.name}`) };
    await receive(tx, context, receivedEmailInput(channel.id, email, event.dedupeKey, event.receivedAt));
    await markWebhookEventProcessed(tx, { id: event.id, at: now() });
  });
  return "received";
}
