// A customer's message arrives (a Twilio webhook job, the inbound email job, the phone simulator):
// find or create the contact, find or create their conversation on the channel, store the message
// once (a repeated delivery is a no-op), move the conversation and the contact, write the timeline,
// apply an opt-out or opt-in word, and tell open pages. Runs in the caller's transaction.
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { ChannelKind } from "~/generated/prisma/enums";
import { findChannel } from "~/models/channel.server";
import { findConsent } from "~/models/contact.server";
import { ensureConversation, type ConversationRef } from "~/models/conversation.server";
import { findMessageByProviderId } from "~/models/message.server";
import {
  findContactOfSender,
  findConversationOfProviderMessage,
  findSenderConversation,
  insertSenderContact,
  storeInboundMessage,
  type SenderContact,
} from "~/models/inbound-message.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { recordContactEvents } from "~/services/contact-events.server";
import { setConsent } from "~/services/contact/set-consent.server";
import { publishLiveEvents } from "~/services/live-events.server";
import { autoAssignConversation } from "~/services/conversation/auto-assign-conversation.server";
import { notifyAssigneeOfMessage } from "~/services/conversation/notify-assignee-of-message.server";
import {
  badInput,
  consentStatusOfFlags,
  inboundMessageFlags,
  inboundMessageKind,
  inboundMessagePreview,
  messageReceivedEvent,
  messageReceivedLiveEvents,
  newSenderName,
  senderIdentity,
} from "~/services/conversation/inbound-message-rules.server";
import type { MessageFlag } from "~/domain/conversation/opt-out-keywords";
import { organizationConsentKeywords } from "~/models/consent-keywords.server";
import { sendConsentConfirmation } from "~/services/conversation/send-consent-confirmation.server";
import { now } from "~/utils/clock";

export { TIMELINE_PREVIEW_LENGTH } from "~/services/conversation/inbound-message-rules.server";

const mediaSchema = z.object({
  type: z.string().trim().min(1).max(40),
  name: z.string().max(255).optional(),
  contentType: z.string().max(255).optional(),
  size: z.number().int().nonnegative().optional(),
  url: z.string().max(2048).optional(),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
});

export const receiveMessageInputSchema = z.object({
  channelId: z.uuid({ message: "channelId must be a channel's id" }),
  from: z
    .object({
      phone: z.string().trim().min(1).max(40).optional(),
      email: z.email({ message: "from.email must be an email address" }).max(254).optional(),
      name: z.string().trim().max(200).optional(),
    })
    .refine((from) => from.phone || from.email, { message: "from needs a phone or an email" }),
  providerMessageId: z.string().trim().min(1, { message: "providerMessageId is required" }).max(255),
  body: z.string().max(100_000),
  html: z.string().max(1_000_000).optional(),
  subject: z.string().max(998).optional(),
  inReplyTo: z.array(z.string().trim().min(1).max(255)).max(100).optional(),
  media: z.array(mediaSchema).max(50),
  sentAt: z.date(),
});
export type ReceiveMessageInput = z.input<typeof receiveMessageInputSchema>;

export type ReceivedMessage = {
  messageId: string;
  conversationId: string;
  contactId: string;
  /** False when the channel already held this provider message id: nothing was written. */
  created: boolean;
  contactCreated: boolean;
  /**
   * The whole text was an opt-out word and the channel's consent moved to OPTED_OUT: one confirmation
   * is owed to the customer (the message carries the OPT_OUT flag, so it can be found again).
   */
  optedOut: boolean;
  optedIn: boolean;
};

function channelNotFound(): TRPCError {
  return new TRPCError({ code: "NOT_FOUND", message: "Channel not found." });
}

export async function receiveMessage(tx: CommandTx, context: CommandContext, rawInput: ReceiveMessageInput): Promise<ReceivedMessage> {
  const { organizationId, actor } = context;
  const parsed = receiveMessageInputSchema.safeParse(rawInput);
  if (!parsed.success) throw badInput(parsed.error.issues[0]?.message ?? "The message is not valid.");
  const input = parsed.data;
  const channel = await findChannel(tx, { organizationId, id: input.channelId });
  if (!channel) throw channelNotFound();
  const at = now();

  // An email answering one we hold belongs to that conversation, whoever it is from.
  let conversation: ConversationRef | null =
    channel.kind === "EMAIL" && input.inReplyTo?.length
      ? await findConversationOfProviderMessage(tx, { organizationId, channelId: channel.id, providerMessageIds: input.inReplyTo })
      : null;

  let contactCreated = false;
  if (!conversation) {
    const identity = senderIdentity(channel.kind, input.from);
    // A sender who wrote before: their contact and conversation in one read.
    const known = await findSenderConversation(tx, { organizationId, channelId: channel.id, ...identity });
    let contact: SenderContact | null = known?.contact ?? null;
    if (!contact) {
      const name = newSenderName(input.from, identity);
      contact = await insertSenderContact(tx, { organizationId, ...identity, name, source: channel.kind, at });
      if (contact) {
        contactCreated = true;
        await recordContactEvents(tx, organizationId, actor, [{ contactId: contact.id, type: "CREATED", data: { source: channel.kind } }]);
      } else {
        contact = await findContactOfSender(tx, { organizationId, ...identity });
        if (!contact) throw new Error("sender's contact vanished between insert and read");
      }
    }
    conversation = known?.conversation ?? (await ensureConversation(tx, { organizationId, contactId: contact.id, channelId: channel.id, at: input.sentAt }));
  }

  const flags = channel.kind === "EMAIL" ? [] : inboundMessageFlags(channel.kind, input.body, await organizationConsentKeywords(tx, organizationId));
  const preview = inboundMessagePreview(input);
  // The message, and (when it is new) the conversation's and the contact's counts, in one statement.
  const inserted = await storeInboundMessage(tx, {
    organizationId,
    conversationId: conversation.id,
    contactId: conversation.contactId,
    channelId: channel.id,
    kind: inboundMessageKind(input),
    body: input.body,
    html: input.html ?? null,
    subject: input.subject ?? null,
    media: input.media,
    flags,
    providerMessageId: input.providerMessageId,
    sentAt: input.sentAt,
    preview,
    at,
  });
  if (!inserted) {
    const existing = await findMessageByProviderId(tx, { organizationId, channelId: channel.id, providerMessageId: input.providerMessageId });
    if (!existing) throw new Error("message vanished between insert and read");
    return { messageId: existing.id, conversationId: existing.conversationId, contactId: existing.contactId, created: false, contactCreated, optedOut: false, optedIn: false };
  }

  const contactId = conversation.contactId;
  // The store's UPDATE holds the conversation's row, so its assignee cannot change before commit: only
  // an unassigned conversation needs the round-robin's lock and pick.
  const routed = inserted.assigneeId
    ? { id: conversation.id, assigneeId: inserted.assigneeId, contactName: inserted.contactName ?? "A customer", channelKind: channel.kind }
    : await autoAssignConversation(tx, context, { conversationId: conversation.id });
  await notifyAssigneeOfMessage(tx, context, { conversation: routed, preview });
  await recordContactEvents(tx, organizationId, actor, [
    messageReceivedEvent(channel, { messageId: inserted.id, conversationId: conversation.id, contactId }, input),
  ]);

  const consent = await applyConsentWord(tx, context, { contactId, channel: channel.kind, flags, body: input.body });
  await sendConsentConfirmation(tx, context, { conversationId: conversation.id, ...consent });

  await publishLiveEvents(
    tx,
    organizationId,
    messageReceivedLiveEvents({ messageId: inserted.id, conversationId: conversation.id, contactId }, { consentChanged: consent.changed }),
  );
  return {
    messageId: inserted.id,
    conversationId: conversation.id,
    contactId,
    created: true,
    contactCreated,
    optedOut: consent.optedOut,
    optedIn: consent.optedIn,
  };
}

/** An opt-out (or opt-in) word as the whole message moves the channel's consent, unless it is there already. */
async function applyConsentWord(
  tx: CommandTx,
  context: CommandContext,
  { contactId, channel, flags, body }: { contactId: string; channel: ChannelKind; flags: MessageFlag[]; body: string },
): Promise<{ changed: boolean; optedOut: boolean; optedIn: boolean }> {
  const status = consentStatusOfFlags(channel, flags);
  if (!status) return { changed: false, optedOut: false, optedIn: false };
  const current = await findConsent(tx, { organizationId: context.organizationId, contactId, channel });
  if (current?.status === status) return { changed: false, optedOut: false, optedIn: false };
  const word = body.trim().slice(0, 40);
  await setConsent(tx, context, { contactId, channel, status, reason: `Replied "${word}"` });
  return { changed: true, optedOut: status === "OPTED_OUT", optedIn: status === "OPTED_IN" };
}
