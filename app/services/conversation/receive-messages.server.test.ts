// receiveMessages (the batch) against receiveMessage (one at a time): two organizations set up
// alike receive the same messages, one through each path, and every row either writes — contacts,
// conversations and their counts, messages, the timeline, notifications, the round-robin, consent,
// the inbox's processed marks — must come out the same.
import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { setClock } from "~/utils/clock";
import { systemActor } from "~/services/command.server";
import { receiveMessage, type ReceiveMessageInput } from "./receive-message.server";
import { receiveMessages } from "./receive-messages.server";
import { receiveTwilioMessage, receiveTwilioMessages } from "./receive-twilio-message.server";
import { addMember, createContact, createOrganization } from "../../../prisma/factories";
import { createChannel, createConversation } from "../../../prisma/factories-conversations";

const actor = systemActor("WhatsApp");
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

const KNOWN_ASSIGNED = "+919812340001";
const KNOWN_UNASSIGNED = "+919812340002";
const KNOWN_NO_CONVERSATION = "+919812340003";
const KEPT_FROM_MERGE = "+919812340004";
const NEW_SENDER = "+919812340005";
const OPTING_OUT = "+919812340006";
const ANOTHER_NEW = "+919812340007";

const CLOCK = new Date("2030-01-01T11:00:00Z");
let restoreClock: (() => void) | null = null;
afterEach(() => {
  restoreClock?.();
  restoreClock = null;
});

/** An organization as the scenario needs it: the same members, contacts and conversations each time. */
async function world() {
  const { organization, owner } = await createOrganization(prisma, { owner: { name: "Owner" } });
  const organizationId = organization.id;
  const agent = await addMember(prisma, { organizationId, role: "AGENT", user: { name: "Agent One" } });
  await addMember(prisma, { organizationId, role: "AGENT", user: { name: "Agent Two" } });
  const channel = await createChannel(prisma, { organizationId, kind: "WHATSAPP" });
  const assigned = await createContact(prisma, { organizationId, name: "Asha", phone: KNOWN_ASSIGNED });
  await prisma.conversation.update({
    where: { id: (await createConversation(prisma, { organizationId, contactId: assigned.id, channelId: channel.id, assigneeId: agent.user.id, lastMessageAt: new Date("2026-12-03T09:00:00Z") })).id },
    data: { status: "RESOLVED", unreadCount: 2, lastMessagePreview: "Earlier" },
  });
  const unassigned = await createContact(prisma, { organizationId, name: "Bala", phone: KNOWN_UNASSIGNED });
  await createConversation(prisma, { organizationId, contactId: unassigned.id, channelId: channel.id, lastMessageAt: new Date("2026-12-03T09:00:00Z") });
  const merged = await createContact(prisma, { organizationId, name: "Chitra", phone: KNOWN_NO_CONVERSATION });
  await prisma.contactIdentity.create({ data: { organizationId, contactId: merged.id, kind: "PHONE", value: KEPT_FROM_MERGE } });
  await createContact(prisma, { organizationId, name: "Dev", phone: OPTING_OUT });
  return { organizationId, owner, channel };
}

type World = Awaited<ReturnType<typeof world>>;

const at = (minute: number) => new Date(`2026-12-03T10:${String(minute).padStart(2, "0")}:00Z`);

/** The batch: messages of one sender in a row, a new sender twice, a repeat inside the batch, a number kept from a merge, a consent word. */
function scenario(channelId: string, sids: Record<string, string>): ReceiveMessageInput[] {
  const message = (sid: string, phone: string, body: string, sentAt: Date, extra: Partial<ReceiveMessageInput> = {}): ReceiveMessageInput => ({
    channelId,
    from: { phone },
    providerMessageId: sids[sid]!,
    body,
    media: [],
    sentAt,
    ...extra,
  });
  return [
    message("a1", KNOWN_ASSIGNED, "Is the course still on?", at(1)),
    message("a2", KNOWN_ASSIGNED, "And the price?", at(1)),
    message("a3", KNOWN_ASSIGNED, "Earlier than the others", at(0)),
    message("b1", KNOWN_UNASSIGNED, "Hello again", at(2)),
    message("c1", KNOWN_NO_CONVERSATION, "First time on WhatsApp", at(3)),
    message("c2", KEPT_FROM_MERGE, "From my other number", at(4)),
    message("n1", NEW_SENDER, "Hi, I saw your ad", at(5), { from: { phone: NEW_SENDER, name: "Esha" } }),
    message("n2", NEW_SENDER, "", at(6), { from: { phone: NEW_SENDER, name: "Another name" }, media: [{ type: "image", contentType: "image/jpeg" }] }),
    message("n1", NEW_SENDER, "Hi, I saw your ad", at(5), { from: { phone: NEW_SENDER, name: "Esha" } }),
    message("o1", OPTING_OUT, "Before I go", at(7)),
    message("o2", OPTING_OUT, "STOP", at(8)),
    message("m1", ANOTHER_NEW, "Please don't unsubscribe me", at(9)),
    message("r1", KNOWN_UNASSIGNED, "Redelivered", at(10)),
  ];
}

/** Every row the organization holds that receiving writes, with ids replaced by what they stand for. */
async function snapshot(organizationId: string) {
  const names = new Map<string, string>();
  const contacts = await prisma.contact.findMany({ where: { organizationId }, orderBy: { phone: "asc" } });
  for (const contact of contacts) names.set(contact.id, `contact ${contact.phone}`);
  const users = await prisma.membership.findMany({ where: { organizationId }, include: { user: true }, orderBy: { user: { name: "asc" } } });
  for (const member of users) names.set(member.userId, `user ${member.user.name}`);
  const channels = await prisma.channel.findMany({ where: { organizationId } });
  for (const channel of channels) names.set(channel.id, `channel ${channel.kind}`);
  const conversations = await prisma.conversation.findMany({ where: { organizationId } });
  for (const conversation of conversations) names.set(conversation.id, `conversation of ${names.get(conversation.contactId)}`);
  const messages = await prisma.message.findMany({ where: { organizationId } });
  for (const message of messages) names.set(message.id, `message ${message.providerMessageId ?? message.body}`);
  const named = (value: unknown) => JSON.parse(JSON.stringify(value, (_, item: unknown) => (typeof item === "bigint" ? item.toString() : item)).replace(UUID, (id) => names.get(id) ?? "unknown id"));
  const sorted = <T>(rows: T[]) => named(rows).sort((a: unknown, b: unknown) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0));
  const omit = <T extends Record<string, unknown>>(row: T, ...keys: string[]) => Object.fromEntries(Object.entries(row).filter(([key]) => !["organizationId", "createdAt", "updatedAt", ...keys].includes(key)));
  return {
    names,
    named,
    rows: {
      // A consent change moves lastActivityAt by the wall clock, not the installed one.
      contacts: sorted(contacts.map((contact) => ({ ...omit(contact), lastActivityAt: contact.lastActivityAt.getTime() === CLOCK.getTime() ? "the clock" : "another time" }))),
      conversations: sorted(conversations.map((conversation) => omit(conversation))),
      messages: sorted(messages.map((message) => omit(message, "sentAt", ...(message.direction === "OUTBOUND" ? ["queuedAt", "id"] : [])))),
      inboundSentAt: sorted(messages.filter((message) => message.direction === "INBOUND").map((message) => ({ id: message.id, sentAt: message.sentAt }))),
      timeline: sorted((await prisma.contactEvent.findMany({ where: { organizationId } })).map((event) => omit(event))),
      notifications: sorted((await prisma.notification.findMany({ where: { organizationId } })).map((notification) => omit(notification))),
      memberships: sorted(users.map(({ userId, role, available, lastAssignedAt }) => ({ userId, role, available, lastAssignedAt }))),
      consent: sorted((await prisma.contactConsent.findMany({ where: { organizationId } })).map((consent) => omit(consent, "changedAt"))),
      events: sorted((await prisma.webhookEvent.findMany({ where: { organizationId } })).map(({ payload, processedAt, error }) => ({ sid: (payload as { MessageSid: string }).MessageSid, processedAt, error }))),
    },
  };
}

/** A message the channel held before the batch, delivered again in it. */
async function storeEarlier(w: World, sids: Record<string, string>) {
  await prisma.$transaction((tx) =>
    receiveMessage(tx, { organizationId: w.organizationId, actor }, { channelId: w.channel.id, from: { phone: KNOWN_UNASSIGNED }, providerMessageId: sids.r1!, body: "Redelivered", media: [], sentAt: at(10) }),
  );
}

describe("receiveMessages writes what receiveMessage writes, one message after another", () => {
  test("known and new senders, several messages of one sender, a repeat inside the batch, a redelivery, a merged number, a consent word", async () => {
    restoreClock = setClock(CLOCK);
    const sids = Object.fromEntries(["a1", "a2", "a3", "b1", "c1", "c2", "n1", "n2", "o1", "o2", "m1", "r1"].map((key) => [key, `SM${randomBytes(16).toString("hex")}`]));
    const single = await world();
    const batch = await world();
    await storeEarlier(single, sids);
    await storeEarlier(batch, sids);

    const singleResults = await prisma.$transaction(async (tx) => {
      const results = [];
      for (const input of scenario(single.channel.id, sids)) results.push(await receiveMessage(tx, { organizationId: single.organizationId, actor }, input));
      return results;
    });
    const batchResults = await prisma.$transaction((tx) => receiveMessages(tx, { organizationId: batch.organizationId, actor }, scenario(batch.channel.id, sids)));

    const singleRows = await snapshot(single.organizationId);
    const batchRows = await snapshot(batch.organizationId);
    expect(batchRows.rows).toEqual(singleRows.rows);
    expect(batchRows.named(batchResults)).toEqual(singleRows.named(singleResults));

    // The scenario is worth comparing: it exercised what it claims to.
    expect(singleResults.map((result) => result.created)).toEqual([true, true, true, true, true, true, true, true, false, true, true, true, false]);
    expect(singleResults.filter((result) => result.contactCreated)).toHaveLength(2);
    expect(singleResults[10]!.optedOut).toBe(true);
    const conversations = singleRows.rows.conversations as Array<{ contactId: string; unreadCount: number; assigneeId: string | null; status: string; lastMessagePreview: string }>;
    expect(conversations.find((conversation) => conversation.contactId === `contact ${KNOWN_ASSIGNED}`)).toMatchObject({ unreadCount: 5, status: "OPEN", assigneeId: "user Agent One", lastMessagePreview: "And the price?" });
    expect(conversations.find((conversation) => conversation.contactId === `contact ${NEW_SENDER}`)).toMatchObject({ unreadCount: 2, lastMessagePreview: "Photo" });
    expect(conversations.every((conversation) => conversation.assigneeId !== null)).toBe(true);
    expect((singleRows.rows.notifications as unknown[]).length).toBeGreaterThan(3);
  });

  test("stored webhook events: the batch marks each processed as one at a time does, and a rerun changes nothing", async () => {
    restoreClock = setClock(CLOCK);
    const sids = Object.fromEntries(["a1", "a2", "a3", "b1", "c1", "c2", "n1", "n2", "o1", "o2", "m1", "r1"].map((key) => [key, `SM${randomBytes(16).toString("hex")}`]));
    const store = async (w: World) => {
      await storeEarlier(w, sids);
      const inputs = scenario(w.channel.id, sids).filter((input, index, all) => all.findIndex((other) => other.providerMessageId === input.providerMessageId) === index);
      const events = [];
      // Each a millisecond after the one before, so the order does not hang on random ids.
      for (const [index, input] of inputs.entries()) {
        events.push(
          await prisma.webhookEvent.create({
            data: {
              provider: "twilio",
              kind: "inbound",
              dedupeKey: `${w.channel.id}:${input.providerMessageId}`,
              organizationId: w.organizationId,
              channelId: w.channel.id,
              receivedAt: new Date(input.sentAt.getTime() + index),
              payload: { MessageSid: input.providerMessageId, From: `whatsapp:${input.from.phone}`, Body: input.body, NumMedia: String(input.media.length), ...(input.media[0] ? { MediaContentType0: "image/jpeg", MediaUrl0: "https://api.twilio.com/m/1" } : {}), ...(input.from.name ? { ProfileName: input.from.name } : {}) },
            },
          }),
        );
      }
      return events;
    };
    const single = await world();
    const batch = await world();
    const singleEvents = await store(single);
    const batchEvents = await store(batch);

    // One at a time, in the order the batch takes them (by sender, then arrival, then id).
    const order = [...singleEvents].sort((a, b) => {
      const from = (event: typeof a) => (event.payload as { From: string }).From;
      return from(a) < from(b) ? -1 : from(a) > from(b) ? 1 : a.receivedAt.getTime() - b.receivedAt.getTime() || (a.id < b.id ? -1 : 1);
    });
    const singleOutcomes = new Map<string, string>();
    for (const event of order) singleOutcomes.set((event.payload as { MessageSid: string }).MessageSid, await receiveTwilioMessage(prisma, { webhookEventId: event.id }));
    const batchResults = await receiveTwilioMessages(prisma, { webhookEventIds: batchEvents.map((event) => event.id) });
    const batchOutcomes = new Map(batchEvents.map((event) => [(event.payload as { MessageSid: string }).MessageSid, batchResults.get(event.id)]));

    expect(Object.fromEntries([...batchOutcomes].map(([sid, result]) => [sid, result?.ok ? result.value : "error"]))).toEqual(Object.fromEntries(singleOutcomes));
    expect([...singleOutcomes.values()].filter((outcome) => outcome === "duplicate")).toHaveLength(1);
    expect((await snapshot(batch.organizationId)).rows).toEqual((await snapshot(single.organizationId)).rows);

    const before = (await snapshot(batch.organizationId)).rows;
    const again = await receiveTwilioMessages(prisma, { webhookEventIds: batchEvents.map((event) => event.id) });
    expect([...again.values()].every((result) => result.ok && result.value === "already processed")).toBe(true);
    expect((await snapshot(batch.organizationId)).rows).toEqual(before);
  });
});
