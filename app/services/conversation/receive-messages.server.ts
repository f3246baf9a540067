// The set-based twin of receiveMessage, for a batch of customers' WhatsApp and SMS messages received
// in one transaction (the inbound webhook job under load). It writes what receiveMessage would write
// for each message, one after another in the given order, in a handful of statements for the whole
// batch: one read of the channels, one lookup of every sender's contact and conversation, one insert
// of the new contacts, one of the missing conversations, one store of every message with the
// conversations' and contacts' counts, one of the timeline, one of the notifications, one of the live
// events. What only receiveMessage decides — an email, an opt-out or opt-in word, an input it
// refuses — goes through receiveMessage itself, together with every other message of that sender on
// that channel in the batch, so their order holds. The rules both use sit in inbound-message-rules;
// receive-messages.server.test.ts holds the two paths to the same rows.
import type { Channel } from "~/generated/prisma/client";
import { findChannels } from "~/models/channel.server";
import { organizationConsentKeywords } from "~/models/consent-keywords.server";
import {
  ensureConversations,
  findMessagesByProviderIds,
  findSendersConversations,
  insertSenderContacts,
  lockConversationsForInbound,
  sourceOfChannelKind,
  storeInboundMessages,
} from "~/models/inbound-message.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { recordContactEvents, type ContactEventInput } from "~/services/contact-events.server";
import { publishLiveEvents } from "~/services/live-events.server";
import { autoAssignConversations } from "~/services/conversation/auto-assign-conversation.server";
import { notifyAssigneesOfMessages } from "~/services/conversation/notify-assignee-of-message.server";
import {
  consentStatusOfFlags,
  inboundMessageFlags,
  inboundMessageKind,
  inboundMessagePreview,
  messageReceivedEvent,
  messageReceivedLiveEvents,
  newSenderName,
  senderIdentity,
} from "~/services/conversation/inbound-message-rules.server";
import {
  receiveMessage,
  receiveMessageInputSchema,
  type ReceivedMessage,
  type ReceiveMessageInput,
} from "~/services/conversation/receive-message.server";
import type { MessageFlag } from "~/domain/conversation/opt-out-keywords";
import type { LockedConversation } from "~/models/conversation-assignment.server";
import type { PublishedLiveEvent } from "~/utils/live-event";
import { now } from "~/utils/clock";

type ParsedInput = ReturnType<typeof receiveMessageInputSchema.parse>;

/** A message the batch path takes: a phone sender on a WhatsApp or SMS channel, no consent word. */
type BatchItem = { index: number; input: ParsedInput; channel: Channel; phone: string; flags: MessageFlag[]; senderKey: string };

const senderKeyOf = (channelId: string, phone: string) => `${channelId}:${phone}`;

/**
 * receiveMessage for each input, in order, in the caller's transaction: the same rows, in far fewer
 * statements. Answers one result per input, in the inputs' order; throws what receiveMessage throws.
 */
export async function receiveMessages(tx: CommandTx, context: CommandContext, rawInputs: ReceiveMessageInput[]): Promise<ReceivedMessage[]> {
  const { organizationId, actor } = context;
  const results: Array<ReceivedMessage | undefined> = new Array(rawInputs.length);
  const parsed = rawInputs.map((raw) => receiveMessageInputSchema.safeParse(raw));
  const channelIds = [...new Set(parsed.flatMap((result) => (result.success ? [result.data.channelId] : [])))];
  const channels = new Map((await findChannels(tx, { organizationId, ids: channelIds })).map((channel) => [channel.id, channel]));
  const words = await organizationConsentKeywords(tx, organizationId);

  // Decide, before any write, which messages only receiveMessage may take (with their sender's others).
  const candidates: BatchItem[] = [];
  const oneAtATime = new Set<number>();
  const sendersOneAtATime = new Set<string>();
  parsed.forEach((result, index) => {
    const channel = result.success ? channels.get(result.data.channelId) : undefined;
    if (!result.success || !channel || channel.kind === "EMAIL") return oneAtATime.add(index);
    let phone: string;
    try {
      phone = senderIdentity(channel.kind, result.data.from).phone!;
    } catch {
      return oneAtATime.add(index);
    }
    const flags = inboundMessageFlags(channel.kind, result.data.body, words);
    const item = { index, input: result.data, channel, phone, flags, senderKey: senderKeyOf(channel.id, phone) };
    if (consentStatusOfFlags(channel.kind, flags)) sendersOneAtATime.add(item.senderKey);
    candidates.push(item);
  });
  let items = candidates.filter((item) => !sendersOneAtATime.has(item.senderKey));
  for (const item of candidates) if (sendersOneAtATime.has(item.senderKey)) oneAtATime.add(item.index);

  if (items.length > 0) {
    const at = now();
    const found = await findSendersConversations(tx, {
      organizationId,
      senders: items.map((item) => ({ channelId: item.channel.id, phone: item.phone })),
    });
    // Two numbers can be one contact (a number kept from a merge): a conversation receiveMessage takes
    // for one of them takes the other's messages too.
    const conversationOfSender = new Map(found.map((row) => [senderKeyOf(row.channelId, row.phone), row]));
    const heldConversations = new Set(
      candidates.filter((item) => sendersOneAtATime.has(item.senderKey)).flatMap((item) => conversationOfSender.get(item.senderKey)?.conversationId ?? []),
    );
    if (heldConversations.size > 0) {
      for (const item of items) {
        const conversationId = conversationOfSender.get(item.senderKey)?.conversationId;
        if (conversationId && heldConversations.has(conversationId)) oneAtATime.add(item.index);
      }
      items = items.filter((item) => !oneAtATime.has(item.index));
    }

    // New senders: one contact per number, named by their first message.
    const contactOfPhone = new Map<string, { id: string; created: boolean }>();
    for (const row of found) contactOfPhone.set(row.phone, { id: row.contactId, created: false });
    const newSenders = new Map<string, { phone: string; name: string; source: ReturnType<typeof sourceOfChannelKind> }>();
    for (const item of items) {
      if (contactOfPhone.has(item.phone) || newSenders.has(item.phone)) continue;
      newSenders.set(item.phone, { phone: item.phone, name: newSenderName(item.input.from, { phone: item.phone, email: null }), source: sourceOfChannelKind(item.channel.kind) });
    }
    if (newSenders.size > 0) {
      const inserted = await insertSenderContacts(tx, { organizationId, contacts: [...newSenders.values()], at });
      for (const contact of inserted) contactOfPhone.set(contact.phone, { id: contact.id, created: true });
      const raced = [...newSenders.keys()].filter((phone) => !contactOfPhone.has(phone));
      if (raced.length > 0) {
        const again = await findSendersConversations(tx, { organizationId, senders: items.filter((item) => raced.includes(item.phone)).map((item) => ({ channelId: item.channel.id, phone: item.phone })) });
        for (const row of again) {
          contactOfPhone.set(row.phone, { id: row.contactId, created: false });
          conversationOfSender.set(senderKeyOf(row.channelId, row.phone), row);
        }
        if (raced.some((phone) => !contactOfPhone.has(phone))) throw new Error("sender's contact vanished between insert and read");
      }
      // In the order receiveMessage would create them: by each sender's first message.
      const createdSources = new Map<string, Channel["kind"]>();
      for (const item of items) {
        const contact = contactOfPhone.get(item.phone)!;
        if (contact.created && !createdSources.has(contact.id)) createdSources.set(contact.id, item.channel.kind);
      }
      await recordContactEvents(tx, organizationId, actor, [...createdSources].map(([contactId, source]) => ({ contactId, type: "CREATED", data: { source } })));
    }

    // Each sender's conversation on the channel: found, or created with their first message's time.
    const conversationOf = new Map<string, { id: string; contactId: string }>();
    const missing = new Map<string, { contactId: string; channelId: string; at: Date }>();
    for (const item of items) {
      const contactId = contactOfPhone.get(item.phone)!.id;
      const known = conversationOfSender.get(item.senderKey);
      const key = `${contactId}:${item.channel.id}`;
      if (known?.conversationId && known.contactId === contactId) conversationOf.set(key, { id: known.conversationId, contactId });
      else if (!conversationOf.has(key) && !missing.has(key)) missing.set(key, { contactId, channelId: item.channel.id, at: item.input.sentAt });
    }
    await lockConversationsForInbound(tx, { organizationId, ids: [...new Set([...conversationOf.values()].map((conversation) => conversation.id))] });
    for (const conversation of await ensureConversations(tx, { organizationId, conversations: [...missing.values()] })) {
      conversationOf.set(`${conversation.contactId}:${conversation.channelId}`, { id: conversation.id, contactId: conversation.contactId });
    }

    // The messages, each once per channel and provider id (the first of a repeat in the batch).
    const previews = items.map((item) => inboundMessagePreview(item.input));
    const firstOfProviderId = new Map<string, number>();
    const rows: Array<{ item: BatchItem; conversation: { id: string; contactId: string }; preview: string }> = [];
    items.forEach((item, position) => {
      const conversation = conversationOf.get(`${contactOfPhone.get(item.phone)!.id}:${item.channel.id}`)!;
      const key = `${item.channel.id}:${item.input.providerMessageId}`;
      if (!firstOfProviderId.has(key)) {
        firstOfProviderId.set(key, rows.length);
        rows.push({ item, conversation, preview: previews[position]! });
      }
    });
    const stored = await storeInboundMessages(tx, {
      organizationId,
      at,
      rows: rows.map(({ item, conversation, preview }) => ({
        conversationId: conversation.id,
        contactId: conversation.contactId,
        channelId: item.channel.id,
        kind: inboundMessageKind(item.input),
        body: item.input.body,
        html: item.input.html ?? null,
        subject: item.input.subject ?? null,
        media: item.input.media,
        flags: item.flags,
        providerMessageId: item.input.providerMessageId,
        sentAt: item.input.sentAt,
        preview,
      })),
    });
    const storedAt = new Map(stored.map((row) => [row.position, row]));

    // A conversation nobody has goes to the round-robin, in the order its first message came.
    type Routed = Pick<LockedConversation, "id" | "assigneeId" | "contactName" | "channelKind">;
    const routed = new Map<string, Routed | null>();
    const toAssign: string[] = [];
    for (const [position, row] of rows.entries()) {
      const store = storedAt.get(position);
      if (!store || routed.has(store.conversationId)) continue;
      routed.set(store.conversationId, store.assigneeId ? { id: store.conversationId, assigneeId: store.assigneeId, contactName: store.contactName ?? "A customer", channelKind: row.item.channel.kind } : null);
      if (!store.assigneeId) toAssign.push(store.conversationId);
    }
    if (toAssign.length > 0) {
      const assigned = await autoAssignConversations(tx, context, { conversationIds: toAssign });
      for (const id of toAssign) routed.set(id, assigned.get(id) ?? null);
    }

    const timeline: ContactEventInput[] = [];
    const notifications: Array<{ conversation: Routed | null; preview: string }> = [];
    const liveEvents: PublishedLiveEvent[] = [];
    for (const [position, row] of rows.entries()) {
      const store = storedAt.get(position);
      if (!store) continue;
      const ids = { messageId: store.id, conversationId: store.conversationId, contactId: store.contactId };
      notifications.push({ conversation: routed.get(store.conversationId) ?? null, preview: row.preview });
      timeline.push(messageReceivedEvent(row.item.channel, ids, row.item.input));
      liveEvents.push(...messageReceivedLiveEvents(ids, { consentChanged: false }));
    }
    await notifyAssigneesOfMessages(tx, context, notifications);
    await recordContactEvents(tx, organizationId, actor, timeline);
    await publishLiveEvents(tx, organizationId, liveEvents);

    // What each input became: its new message, or the one the channel already held under its id.
    const repeats = rows.filter((_, position) => !storedAt.has(position));
    const existing = await findMessagesByProviderIds(tx, {
      organizationId,
      messages: repeats.map(({ item }) => ({ channelId: item.channel.id, providerMessageId: item.input.providerMessageId })),
    });
    const heldBefore = new Map(existing.map((message) => [`${message.channelId}:${message.providerMessageId}`, message]));
    const createdContacts = new Set<string>();
    for (const item of items) {
      const contact = contactOfPhone.get(item.phone)!;
      // receiveMessage reports the contact created with the sender's first message only.
      const contactCreated = contact.created && !createdContacts.has(contact.id);
      if (contactCreated) createdContacts.add(contact.id);
      const key = `${item.channel.id}:${item.input.providerMessageId}`;
      const position = firstOfProviderId.get(key)!;
      const store = storedAt.get(position);
      const own = rows[position]!.item === item;
      if (store && own) {
        results[item.index] = { messageId: store.id, conversationId: store.conversationId, contactId: store.contactId, created: true, contactCreated, optedOut: false, optedIn: false };
        continue;
      }
      const message = store ? { id: store.id, conversationId: store.conversationId, contactId: store.contactId } : heldBefore.get(key);
      if (!message) throw new Error("message vanished between insert and read");
      results[item.index] = { messageId: message.id, conversationId: message.conversationId, contactId: message.contactId, created: false, contactCreated, optedOut: false, optedIn: false };
    }
  }

  for (const [index, raw] of rawInputs.entries()) {
    if (oneAtATime.has(index)) results[index] = await receiveMessage(tx, context, raw);
  }
  return results as ReceivedMessage[];
}
