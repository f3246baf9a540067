// The rules of a customer's message arriving, shared by `receiveMessage` (one message) and
// `receiveMessages` (its set-based twin for a batch): who the sender is, what the message is flagged
// with, what it shows as, what the timeline keeps of it and which live events tell open pages.
import { TRPCError } from "@trpc/server";
import type { ChannelKind, ConsentStatus } from "~/generated/prisma/enums";
import type { ContactEventInput } from "~/services/contact-events.server";
import { messagePreview, type MessageMedia } from "~/domain/conversation/message-preview";
import { matchConsentKeyword, type KeywordLists, type MessageFlag } from "~/domain/conversation/opt-out-keywords";
import type { PublishedLiveEvent } from "~/utils/live-event";
import { formatPhone } from "~/utils/phone";
import { normalizePhone } from "~/utils/phone.server";

/** How much of the text the timeline keeps. */
export const TIMELINE_PREVIEW_LENGTH = 140;

const E164 = /^\+[1-9]\d{6,14}$/;

type MessageText = { body: string; subject?: string; media: ReadonlyArray<Pick<MessageMedia, "type">> };

export function badInput(message: string): TRPCError {
  return new TRPCError({ code: "BAD_REQUEST", message });
}

export type SenderIdentity = { phone: string | null; email: string | null };

/** The sender as we store them: an E.164 phone (checked with the full metadata, or Twilio's own E.164) or a lowercased email. */
export function senderIdentity(kind: ChannelKind, from: { phone?: string; email?: string }): SenderIdentity {
  if (kind === "EMAIL") {
    if (!from.email) throw badInput("An email needs the sender's address.");
    return { phone: null, email: from.email.toLowerCase() };
  }
  if (!from.phone) throw badInput("A WhatsApp or SMS message needs the sender's number.");
  const phone = normalizePhone(from.phone) ?? (E164.test(from.phone) ? from.phone : null);
  if (!phone) throw badInput(`The sender's number "${from.phone.slice(0, 40)}" is not a phone number.`);
  return { phone, email: null };
}

/** The name a new sender's contact gets: the name they gave, else their number or address. */
export function newSenderName(from: { name?: string }, identity: SenderIdentity): string {
  return from.name || (identity.phone ? formatPhone(identity.phone) : identity.email!);
}

/** The message's flags: an opt-out or opt-in word as the whole text, or a mention of opting out (emails: none). */
export function inboundMessageFlags(kind: ChannelKind, body: string, words: KeywordLists): MessageFlag[] {
  if (kind === "EMAIL") return [];
  const match = matchConsentKeyword(body, words);
  return match ? [match] : [];
}

/** The consent the flags move the channel's consent to (an opt-out or opt-in word), or null. */
export function consentStatusOfFlags(kind: ChannelKind, flags: readonly MessageFlag[]): Extract<ConsentStatus, "OPTED_OUT" | "OPTED_IN"> | null {
  if (kind === "EMAIL") return null;
  return flags.includes("OPT_OUT") ? "OPTED_OUT" : flags.includes("OPT_IN") ? "OPTED_IN" : null;
}

export function inboundMessageKind(input: MessageText): "TEXT" | "MEDIA" {
  return input.media.length > 0 && !input.body.trim() ? "MEDIA" : "TEXT";
}

/** What the conversation list and the notification show of the message. */
export function inboundMessagePreview(input: MessageText): string {
  return messagePreview(input.subject && !input.body.trim() ? input.subject : input.body, input.media);
}

/** The contact's timeline entry for a stored message. */
export function messageReceivedEvent(
  channel: { id: string; kind: ChannelKind },
  stored: { messageId: string; conversationId: string; contactId: string },
  input: MessageText,
): ContactEventInput {
  return {
    contactId: stored.contactId,
    type: "MESSAGE_RECEIVED",
    data: {
      channelId: channel.id,
      channel: channel.kind,
      conversationId: stored.conversationId,
      messageId: stored.messageId,
      preview: messagePreview(input.body, input.media, TIMELINE_PREVIEW_LENGTH),
      ...(input.subject ? { subject: input.subject.slice(0, TIMELINE_PREVIEW_LENGTH) } : {}),
    },
  };
}

/** What tells open pages about a stored message (the contact's pages only when its consent did not already). */
export function messageReceivedLiveEvents(
  stored: { messageId: string; conversationId: string; contactId: string },
  { consentChanged }: { consentChanged: boolean },
): PublishedLiveEvent[] {
  return [
    { type: "message.changed", messageId: stored.messageId, conversationId: stored.conversationId, contactId: stored.contactId },
    { type: "conversation.changed", conversationId: stored.conversationId, contactId: stored.contactId },
    // setConsent told the contact's pages already.
    ...(consentChanged ? [] : [{ type: "contact.changed" as const, contactIds: [stored.contactId] }]),
  ];
}
