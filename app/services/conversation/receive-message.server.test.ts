// receiveMessage against a real database: who the sender is, the conversation, the message once,
// what moves, the timeline, opt-out words and email threading.
import { randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { systemActor } from "~/services/command.server";
import { watchLiveEvents } from "~/testing/live-events";
import { receiveMessage, type ReceiveMessageInput } from "./receive-message.server";
import { createContact, createOrganization, indianMobile } from "../../../prisma/factories";
import { createChannel, createConversation } from "../../../prisma/factories-conversations";

const actor = systemActor("WhatsApp");
const sid = () => `SM${randomBytes(16).toString("hex")}`;
const randomMobile = () => indianMobile(Math.floor(Math.random() * 1e9));

async function world(kind: "WHATSAPP" | "SMS" | "EMAIL" = "WHATSAPP") {
  const { organization } = await createOrganization(prisma);
  const channel = await createChannel(prisma, { organizationId: organization.id, kind });
  return { organizationId: organization.id, channel };
}

function receive(organizationId: string, input: Partial<ReceiveMessageInput> & { channelId: string }) {
  return prisma.$transaction((tx) =>
    receiveMessage(tx, { organizationId, actor }, {
      from: { phone: randomMobile() },
      providerMessageId: sid(),
      body: "Hello",
      media: [],
      sentAt: new Date(),
      ...input,
    }),
  );
}

describe("receiveMessage", () => {
  test("an unknown sender becomes a WhatsApp contact named by their profile, with a conversation and the message", async () => {
    const { organizationId, channel } = await world();
    const phone = randomMobile();
    const sentAt = new Date("2026-12-03T10:00:00Z");
    const result = await receive(organizationId, { channelId: channel.id, from: { phone, name: "Ravi Kumar" }, body: "Price of the indicator?", sentAt });

    expect(result).toMatchObject({ created: true, contactCreated: true, optedOut: false });
    const contact = await prisma.contact.findUniqueOrThrow({ where: { id: result.contactId } });
    expect(contact).toMatchObject({ organizationId, name: "Ravi Kumar", phone, source: "WHATSAPP", messageCount: 1, lastMessageAt: sentAt });
    const conversation = await prisma.conversation.findUniqueOrThrow({ where: { id: result.conversationId } });
    expect(conversation).toMatchObject({
      contactId: contact.id,
      channelId: channel.id,
      status: "OPEN",
      unreadCount: 1,
      lastMessagePreview: "Price of the indicator?",
      lastMessageDirection: "INBOUND",
      lastInboundAt: sentAt,
      lastMessageAt: sentAt,
    });
    const message = await prisma.message.findUniqueOrThrow({ where: { id: result.messageId } });
    expect(message).toMatchObject({ direction: "INBOUND", status: "RECEIVED", body: "Price of the indicator?", kind: "TEXT", flags: [] });
    const events = await prisma.contactEvent.findMany({ where: { contactId: contact.id }, orderBy: { createdAt: "asc" } });
    // The round-robin gives the new conversation to the organization's one member.
    expect(events.map((event) => event.type).sort()).toEqual(["CONVERSATION_ASSIGNED", "CREATED", "MESSAGE_RECEIVED"]);
    expect(events.find((event) => event.type === "MESSAGE_RECEIVED")!.data).toMatchObject({
      channel: "WHATSAPP",
      channelId: channel.id,
      conversationId: conversation.id,
      messageId: message.id,
      preview: "Price of the indicator?",
    });
  });

  test("tells open pages: the message, the conversation and the contact, by id; a repeat tells nothing", async () => {
    const { organizationId, channel } = await world();
    const watcher = await watchLiveEvents(organizationId);
    const input = { channelId: channel.id, providerMessageId: sid() };
    const result = await receive(organizationId, input);
    const { messageId, conversationId, contactId } = result;
    expect(await watcher.settled()).toEqual(
      expect.arrayContaining([
        { type: "message.changed", messageId, conversationId, contactId },
        { type: "conversation.changed", conversationId, contactId },
        { type: "contact.changed", contactIds: [contactId] },
      ]),
    );
    await receive(organizationId, { ...input, from: { phone: (await prisma.contact.findUniqueOrThrow({ where: { id: contactId } })).phone! } });
    expect(await watcher.settled()).toEqual([]);
    await watcher.unsubscribe();
  });

  test("without a profile name the contact is named by the number; an SMS sender's source is SMS", async () => {
    const { organizationId, channel } = await world("SMS");
    const result = await receive(organizationId, { channelId: channel.id, from: { phone: "+919812345678" } });
    const contact = await prisma.contact.findUniqueOrThrow({ where: { id: result.contactId } });
    expect(contact).toMatchObject({ name: "+91 98123 45678", source: "SMS" });
  });

  test("a known sender, by own phone or a phone kept from a merge, gets no second contact", async () => {
    const { organizationId, channel } = await world();
    const known = await createContact(prisma, { organizationId, name: "Meera" });
    const merged = await createContact(prisma, { organizationId, name: "Arjun" });
    const secondary = randomMobile();
    await prisma.contactIdentity.create({ data: { organizationId, contactId: merged.id, kind: "PHONE", value: secondary } });

    const first = await receive(organizationId, { channelId: channel.id, from: { phone: known.phone!, name: "Someone else" } });
    const second = await receive(organizationId, { channelId: channel.id, from: { phone: secondary } });
    expect(first).toMatchObject({ contactId: known.id, contactCreated: false });
    expect(second).toMatchObject({ contactId: merged.id, contactCreated: false });
    expect((await prisma.contact.findUniqueOrThrow({ where: { id: known.id } })).name).toBe("Meera");
    expect(await prisma.contact.count({ where: { organizationId } })).toBe(2);
  });

  test("the same provider message twice is stored once and counted once", async () => {
    const { organizationId, channel } = await world();
    const input = { channelId: channel.id, from: { phone: randomMobile() }, providerMessageId: sid() };
    const first = await receive(organizationId, input);
    const again = await receive(organizationId, input);
    expect(again).toMatchObject({ created: false, messageId: first.messageId, conversationId: first.conversationId, contactId: first.contactId });
    expect(await prisma.message.count({ where: { conversationId: first.conversationId } })).toBe(1);
    expect((await prisma.conversation.findUniqueOrThrow({ where: { id: first.conversationId } })).unreadCount).toBe(1);
    expect((await prisma.contact.findUniqueOrThrow({ where: { id: first.contactId } })).messageCount).toBe(1);
    expect(await prisma.contactEvent.count({ where: { contactId: first.contactId, type: "MESSAGE_RECEIVED" } })).toBe(1);
  });

  test("a resolved or snoozed conversation opens again; the unread count grows", async () => {
    const { organizationId, channel } = await world();
    for (const status of ["RESOLVED", "SNOOZED"] as const) {
      const contact = await createContact(prisma, { organizationId });
      const conversation = await createConversation(prisma, { organizationId, contactId: contact.id, channelId: channel.id, lastMessageAt: new Date("2026-12-01T00:00:00Z") });
      await prisma.conversation.update({
        where: { id: conversation.id },
        data: { status, unreadCount: 2, snoozedUntil: status === "SNOOZED" ? new Date("2027-01-01T00:00:00Z") : null },
      });
      const result = await receive(organizationId, { channelId: channel.id, from: { phone: contact.phone! } });
      expect(result.conversationId).toBe(conversation.id);
      expect(await prisma.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).toMatchObject({ status: "OPEN", snoozedUntil: null, unreadCount: 3 });
    }
  });

  test("an older message arriving late does not replace the newer preview", async () => {
    const { organizationId, channel } = await world();
    const phone = randomMobile();
    await receive(organizationId, { channelId: channel.id, from: { phone }, body: "second", sentAt: new Date("2026-12-03T10:05:00Z") });
    const late = await receive(organizationId, { channelId: channel.id, from: { phone }, body: "first", sentAt: new Date("2026-12-03T10:00:00Z") });
    expect(await prisma.conversation.findUniqueOrThrow({ where: { id: late.conversationId } })).toMatchObject({
      lastMessagePreview: "second",
      lastMessageAt: new Date("2026-12-03T10:05:00Z"),
      unreadCount: 2,
    });
  });

  test("a photo, a document or a location without text previews as what it is; long text is cut at 200", async () => {
    const { organizationId, channel } = await world();
    const phone = randomMobile();
    const cases: Array<[ReceiveMessageInput["media"], string]> = [
      [[{ type: "image", contentType: "image/jpeg", url: "https://api.twilio.com/m/1" }], "Photo"],
      [[{ type: "document", contentType: "application/pdf" }], "Document"],
      [[{ type: "location", latitude: 19.07, longitude: 72.87 }], "Location"],
    ];
    for (const [media, preview] of cases) {
      const result = await receive(organizationId, { channelId: channel.id, from: { phone }, body: "", media });
      expect((await prisma.conversation.findUniqueOrThrow({ where: { id: result.conversationId } })).lastMessagePreview).toBe(preview);
      expect((await prisma.message.findUniqueOrThrow({ where: { id: result.messageId } })).kind).toBe("MEDIA");
    }
    const long = "अ".repeat(150) + "b".repeat(150);
    const result = await receive(organizationId, { channelId: channel.id, from: { phone }, body: long });
    expect((await prisma.conversation.findUniqueOrThrow({ where: { id: result.conversationId } })).lastMessagePreview).toBe(long.slice(0, 200));
  });

  test("an email finds its sender by address (own or kept), or creates one by display name; a reply threads into its conversation", async () => {
    const { organizationId, channel } = await world("EMAIL");
    const known = await createContact(prisma, { organizationId, phone: null, email: "kavya@example.com" });
    const byOwn = await receive(organizationId, { channelId: channel.id, from: { email: "Kavya@Example.com" }, providerMessageId: "<a1@mail.example.com>" });
    expect(byOwn.contactId).toBe(known.id);

    const fresh = await receive(organizationId, {
      channelId: channel.id,
      from: { email: "new.lead@example.org", name: "Nisha Rao" },
      providerMessageId: "<a2@mail.example.org>",
      subject: "Pricing",
      html: "<p>Hi</p>",
    });
    expect(fresh.contactCreated).toBe(true);
    expect(await prisma.contact.findUniqueOrThrow({ where: { id: fresh.contactId } })).toMatchObject({ name: "Nisha Rao", email: "new.lead@example.org", phone: null, source: "EMAIL" });
    expect(await prisma.message.findUniqueOrThrow({ where: { id: fresh.messageId } })).toMatchObject({ subject: "Pricing", html: "<p>Hi</p>" });

    // A colleague answers from another address, quoting the first message in References.
    const reply = await receive(organizationId, {
      channelId: channel.id,
      from: { email: "colleague@example.org" },
      providerMessageId: "<a3@mail.example.org>",
      inReplyTo: ["<unknown@x>", "<a2@mail.example.org>"],
    });
    expect(reply).toMatchObject({ conversationId: fresh.conversationId, contactId: fresh.contactId, contactCreated: false });
    expect(await prisma.contact.count({ where: { organizationId, email: "colleague@example.org" } })).toBe(0);
  });

  test("an email does not thread into another channel's or another organization's message", async () => {
    const { organizationId, channel } = await world("EMAIL");
    const other = await world("EMAIL");
    const theirs = await receive(other.organizationId, { channelId: other.channel.id, from: { email: "x@example.com" }, providerMessageId: "<b1@example.com>" });
    const mine = await receive(organizationId, { channelId: channel.id, from: { email: "x@example.com" }, providerMessageId: "<b2@example.com>", inReplyTo: ["<b1@example.com>"] });
    expect(mine.conversationId).not.toBe(theirs.conversationId);
    expect(await prisma.conversation.count({ where: { organizationId: other.organizationId } })).toBe(1);
  });

  test("another organization's channel is not found and nothing is written", async () => {
    const { channel } = await world();
    const mine = await world();
    const before = await prisma.message.count();
    await expect(receive(mine.organizationId, { channelId: channel.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await prisma.message.count()).toBe(before);
    expect(await prisma.contact.count({ where: { organizationId: mine.organizationId } })).toBe(0);
  });

  test("bad input is refused by name with nothing written", async () => {
    const { organizationId, channel } = await world();
    await expect(receive(organizationId, { channelId: channel.id, from: {} })).rejects.toThrow("from needs a phone or an email");
    await expect(receive(organizationId, { channelId: channel.id, from: { phone: "hello" } })).rejects.toThrow('"hello" is not a phone number');
    await expect(receive(organizationId, { channelId: channel.id, providerMessageId: "" })).rejects.toThrow("providerMessageId is required");
    expect(await prisma.contact.count({ where: { organizationId } })).toBe(0);
  });
});

describe("opt-out and opt-in words", () => {
  async function consentAfter(kind: "WHATSAPP" | "SMS", bodies: string[]) {
    const { organizationId, channel } = await world(kind);
    const phone = randomMobile();
    const results = [];
    for (const body of bodies) results.push(await receive(organizationId, { channelId: channel.id, from: { phone }, body }));
    const contactId = results[0]!.contactId;
    const consent = await prisma.contactConsent.findUnique({ where: { organizationId_contactId_channel: { organizationId, contactId, channel: kind } } });
    return { organizationId, contactId, results, consent };
  }

  test.each(["STOP", "  stop!  ", "StopAll", "UNSUBSCRIBE.", "cancel", "End", "QUIT", "Band karo", "message mat bhejo", "Mat bhejo!!", "बंद करो", "बंद करो।"])(
    "%j as the whole message opts out of that channel and owes a confirmation",
    async (body) => {
      const { results, consent, contactId } = await consentAfter("WHATSAPP", [body]);
      expect(results[0]).toMatchObject({ optedOut: true });
      expect(consent).toMatchObject({ status: "OPTED_OUT" });
      expect((await prisma.message.findUniqueOrThrow({ where: { id: results[0]!.messageId } })).flags).toEqual(["OPT_OUT"]);
      const event = await prisma.contactEvent.findFirstOrThrow({ where: { contactId, type: "CONSENT_CHANGED" } });
      expect(event.data).toMatchObject({ channel: "WHATSAPP", after: "OPTED_OUT", source: "WhatsApp" });
    },
  );

  test("STOP inside a sentence does not opt out, but the message is flagged", async () => {
    const { results, consent } = await consentAfter("SMS", ["Please don't stop the Nifty alerts, they help"]);
    expect(results[0]).toMatchObject({ optedOut: false });
    expect(consent).toBeNull();
    expect((await prisma.message.findUniqueOrThrow({ where: { id: results[0]!.messageId } })).flags).toEqual(["MENTIONS_OPT_OUT"]);
  });

  test("START or UNSTOP opts back in; the same word twice changes nothing the second time", async () => {
    const { results, consent, contactId } = await consentAfter("SMS", ["STOP", "STOP", "unstop", "START"]);
    expect(results.map((r) => [r.optedOut, r.optedIn])).toEqual([
      [true, false],
      [false, false],
      [false, true],
      [false, false],
    ]);
    expect(consent).toMatchObject({ status: "OPTED_IN" });
    expect(await prisma.contactEvent.count({ where: { contactId, type: "CONSENT_CHANGED" } })).toBe(2);
  });

  test("an opt-out on WhatsApp leaves SMS consent alone; a word by email changes nothing", async () => {
    const { organizationId, contactId } = await consentAfter("WHATSAPP", ["stop"]);
    expect(await prisma.contactConsent.findMany({ where: { organizationId, contactId } })).toHaveLength(1);
    const email = await world("EMAIL");
    const result = await receive(email.organizationId, { channelId: email.channel.id, from: { email: "a@example.com" }, body: "STOP" });
    expect(result.optedOut).toBe(false);
    expect(await prisma.contactConsent.count({ where: { organizationId: email.organizationId } })).toBe(0);
  });
});
