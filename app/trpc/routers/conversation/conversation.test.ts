// The conversation procedures against a real database: paging, reading, status, sending, and the
// access rule (not visible → NOT_FOUND, not workable → FORBIDDEN), across organizations and agents.
import { afterEach, describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { setClock } from "~/utils/clock";
import { expectTRPCError } from "~/testing/caller";
import { watchLiveEvents } from "~/testing/live-events";
import { contactWorld } from "~/trpc/routers/contact/contact-test-world";
import { createContact } from "../../../../prisma/factories";
import { createChannel, createConversation, createMessage, createMessageTemplate } from "../../../../prisma/factories-conversations";

let restoreClock: (() => void) | null = null;
afterEach(() => {
  restoreClock?.();
  restoreClock = null;
});

async function chatWorld() {
  const w = await contactWorld();
  const contact = await createContact(prisma, { organizationId: w.organizationId, name: "Kavya Iyer", email: "kavya@example.com" });
  const whatsapp = await createChannel(prisma, { organizationId: w.organizationId, kind: "WHATSAPP", name: "Sales WhatsApp" });
  const conversation = await createConversation(prisma, { organizationId: w.organizationId, contactId: contact.id, channelId: whatsapp.id });
  // Org B's own conversation, whose ids org A's members replay.
  const bContact = await createContact(prisma, { organizationId: w.b.organization.id, name: "Bina's customer" });
  const bChannel = await createChannel(prisma, { organizationId: w.b.organization.id, kind: "WHATSAPP" });
  const bConversation = await createConversation(prisma, { organizationId: w.b.organization.id, contactId: bContact.id, channelId: bChannel.id });
  await createMessage(prisma, bConversation, { direction: "INBOUND", body: "Org B's secret message" });
  return { ...w, contact, whatsapp, conversation, bContact, bChannel, bConversation };
}

describe("messages", () => {
  test("pages newest first by (createdAt, id) with an older cursor, over more than a page, ties included", async () => {
    const w = await chatWorld();
    const base = Date.parse("2026-12-01T10:00:00Z");
    // 75 messages; pairs share a millisecond so the id breaks the tie.
    for (let i = 0; i < 75; i += 1) {
      await createMessage(prisma, w.conversation, { body: `m${i}`, createdAt: new Date(base + Math.floor(i / 2) * 1000) });
    }
    const all = await prisma.message.findMany({ where: { conversationId: w.conversation.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    const manager = await w.as(w.manager);

    const seen: string[] = [];
    let before: string | undefined;
    let pages = 0;
    do {
      const page = await manager.conversation.messages({ id: w.conversation.id, before, limit: 30 });
      seen.push(...page.messages.map((m) => m.id));
      before = page.olderCursor ?? undefined;
      pages += 1;
    } while (before);
    expect(pages).toBe(3);
    expect(seen).toEqual(all.map((m) => m.id));
    expect(new Set(seen).size).toBe(75);

    const first = await manager.conversation.messages({ id: w.conversation.id });
    expect(first.messages).toHaveLength(30);
    expect(first.messages[0]!.body).toBe("m74");
  });

  test("a malformed cursor is refused with words", async () => {
    const w = await chatWorld();
    const manager = await w.as(w.manager);
    await expectTRPCError(manager.conversation.messages({ id: w.conversation.id, before: "yesterday" }), "BAD_REQUEST");
  });

  test("a failed message carries its reason in words; flags come through", async () => {
    const w = await chatWorld();
    const failed = await createMessage(prisma, w.conversation, { status: "FAILED" });
    await prisma.message.update({ where: { id: failed.id }, data: { errorCode: "30003", errorMessage: "Unreachable destination handset" } });
    const stop = await createMessage(prisma, w.conversation, { direction: "INBOUND", body: "STOP" });
    await prisma.message.update({ where: { id: stop.id }, data: { flags: ["OPT_OUT"] } });
    const page = await (await w.as(w.manager)).conversation.messages({ id: w.conversation.id });
    expect(page.messages.find((m) => m.id === failed.id)!.failureReason).toBe("The phone is switched off or unreachable.");
    expect(page.messages.find((m) => m.id === stop.id)!.flags).toEqual(["OPT_OUT"]);
  });
});

describe("get", () => {
  test("the header: contact, channel, open WhatsApp window with its closing time, consent, can-work", async () => {
    const w = await chatWorld();
    restoreClock = setClock(new Date("2026-12-03T12:00:00Z"));
    await prisma.conversation.update({ where: { id: w.conversation.id }, data: { lastInboundAt: new Date("2026-12-03T09:00:00Z") } });
    await prisma.contactConsent.create({
      data: { organizationId: w.organizationId, contactId: w.contact.id, channel: "WHATSAPP", status: "OPTED_OUT", source: "Replied STOP", changedAt: new Date("2026-12-02T10:00:00Z") },
    });
    const view = await (await w.as(w.agent)).conversation.get({ id: w.conversation.id });
    expect(view.contact).toMatchObject({ id: w.contact.id, name: "Kavya Iyer", email: "kavya@example.com" });
    expect(view.channel).toMatchObject({ id: w.whatsapp.id, kind: "WHATSAPP", name: "Sales WhatsApp", enabled: true });
    expect(view.channel).not.toHaveProperty("secrets");
    expect(view.window).toEqual({ applies: true, open: true, closesAt: new Date("2026-12-04T09:00:00Z") });
    expect(view.consent).toMatchObject({ status: "OPTED_OUT", source: "Replied STOP" });
    expect(view.canWork).toBe(true);

    restoreClock();
    restoreClock = setClock(new Date("2026-12-04T09:00:00Z"));
    expect((await (await w.as(w.agent)).conversation.get({ id: w.conversation.id })).window.open).toBe(false);
  });

  test("a viewer reads an unassigned conversation but may not work it, and is told why", async () => {
    const w = await chatWorld();
    const viewer = await w.as(w.viewer);
    const view = await viewer.conversation.get({ id: w.conversation.id });
    expect(view.canWork).toBe(false);
    expect(view.cannotWorkReason).toMatch(/Viewers can read conversations/);
    await expectTRPCError(viewer.conversation.send({ conversationId: w.conversation.id, content: { kind: "NOTE", body: "hi" } }), "FORBIDDEN", /Viewers/);
    await expectTRPCError(viewer.conversation.markRead({ id: w.conversation.id }), "FORBIDDEN");
    await expectTRPCError(viewer.conversation.setStatus({ id: w.conversation.id, status: "RESOLVED" }), "FORBIDDEN");
    expect(await prisma.message.count({ where: { conversationId: w.conversation.id } })).toBe(0);
  });
});

describe("markRead", () => {
  test("the unread count goes to zero once, with one conversation.changed", async () => {
    const w = await chatWorld();
    await prisma.conversation.update({ where: { id: w.conversation.id }, data: { unreadCount: 4 } });
    const agent = await w.as(w.agent);
    const live = await watchLiveEvents(w.organizationId);
    expect(await agent.conversation.markRead({ id: w.conversation.id })).toEqual({ changed: true });
    expect((await prisma.conversation.findUniqueOrThrow({ where: { id: w.conversation.id } })).unreadCount).toBe(0);
    expect(await agent.conversation.markRead({ id: w.conversation.id })).toEqual({ changed: false });
    expect(await live.settled()).toEqual([{ type: "conversation.changed", conversationId: w.conversation.id, contactId: w.contact.id }]);
    await live.unsubscribe();
  });
});

describe("setStatus", () => {
  test("resolve, reopen and pending each go on the timeline once; the same status again changes nothing", async () => {
    const w = await chatWorld();
    const agent = await w.as(w.agent);
    expect(await agent.conversation.setStatus({ id: w.conversation.id, status: "RESOLVED" })).toMatchObject({ changed: true, status: "RESOLVED" });
    expect(await agent.conversation.setStatus({ id: w.conversation.id, status: "RESOLVED" })).toMatchObject({ changed: false });
    await agent.conversation.setStatus({ id: w.conversation.id, status: "OPEN" });
    await agent.conversation.setStatus({ id: w.conversation.id, status: "PENDING" });
    expect((await prisma.conversation.findUniqueOrThrow({ where: { id: w.conversation.id } })).status).toBe("PENDING");
    const events = await prisma.contactEvent.findMany({ where: { contactId: w.contact.id, type: "CONVERSATION_STATUS_CHANGED" }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => (e.data as { after: string }).after)).toEqual(["RESOLVED", "OPEN", "PENDING"]);
    expect(events[0]).toMatchObject({ actorId: w.agent.id, data: { before: "OPEN", after: "RESOLVED", channel: "WHATSAPP", conversationId: w.conversation.id } });
  });

  test("snooze until a local time in the organization's zone; a past, missing or malformed time is refused by field and changes nothing", async () => {
    const w = await chatWorld();
    restoreClock = setClock(new Date("2026-12-03T12:00:00Z")); // 17:30 in Asia/Kolkata
    const agent = await w.as(w.agent);
    const refused = async (snoozeUntil: string | undefined, message: RegExp) => {
      const error = await expectTRPCError(agent.conversation.setStatus({ id: w.conversation.id, status: "SNOOZED", snoozeUntil }), "BAD_REQUEST");
      const fieldErrors = (error.cause as { issues?: Array<{ path: string[]; message: string }> } | undefined)?.issues ?? [];
      expect(fieldErrors.find((issue) => issue.path.join(".") === "snoozeUntil")?.message).toMatch(message);
    };
    await refused(undefined, /Choose when the snooze ends/);
    await refused("2026-12-03T17:00", /after now \(3 Dec 2026, 5:30 pm IST\)/);
    await refused("tomorrow", /date and time/);
    await refused("2028-01-01T10:00", /at most 365 days/);
    const row = await prisma.conversation.findUniqueOrThrow({ where: { id: w.conversation.id } });
    expect(row).toMatchObject({ status: "OPEN", snoozedUntil: null });
    expect(await prisma.contactEvent.count({ where: { contactId: w.contact.id } })).toBe(0);

    const snoozed = await agent.conversation.setStatus({ id: w.conversation.id, status: "SNOOZED", snoozeUntil: "2026-12-04T10:00" });
    expect(snoozed.snoozedUntil).toEqual(new Date("2026-12-04T04:30:00Z"));
    // Reopening clears the snooze time.
    await agent.conversation.setStatus({ id: w.conversation.id, status: "OPEN" });
    expect(await prisma.conversation.findUniqueOrThrow({ where: { id: w.conversation.id } })).toMatchObject({ status: "OPEN", snoozedUntil: null });
  });
});

describe("send", () => {
  test("text, template and note through sendMessage; a missing variable and a closed window are refused", async () => {
    const w = await chatWorld();
    const agent = await w.as(w.agent);
    await expectTRPCError(
      agent.conversation.send({ conversationId: w.conversation.id, content: { kind: "TEXT", body: "Hello" } }),
      "PRECONDITION_FAILED",
      /24-hour window/,
    );
    const template = await createMessageTemplate(prisma, { organizationId: w.organizationId, name: "demo_ready", body: "Hi {{firstName}}, your {{productName}} demo is ready." });
    await expectTRPCError(
      agent.conversation.send({ conversationId: w.conversation.id, content: { kind: "TEMPLATE", templateId: template.id, variables: { firstName: "Kavya" } } }),
      "BAD_REQUEST",
      /needs a value for \{\{productName\}\}/,
    );
    expect(await prisma.message.count({ where: { conversationId: w.conversation.id } })).toBe(0);
    const sent = await agent.conversation.send({
      conversationId: w.conversation.id,
      content: { kind: "TEMPLATE", templateId: template.id, variables: { firstName: "Kavya", productName: "BankNifty" } },
    });
    expect(sent.status).toBe("QUEUED");
    const note = await agent.conversation.send({ conversationId: w.conversation.id, content: { kind: "NOTE", body: "Call her after 6" } });
    expect(note.status).toBe("SENT");
    const page = await agent.conversation.messages({ id: w.conversation.id });
    expect(page.messages.map((m) => [m.kind, m.body])).toEqual([
      ["NOTE", "Call her after 6"],
      ["TEMPLATE", "Hi Kavya, your BankNifty demo is ready."],
    ]);
    expect(page.messages[1]!.template?.name).toBe("demo_ready");
  });

  test("starting a conversation with a contact on a channel; the templates offered are the approved ones for its kind", async () => {
    const w = await chatWorld();
    const sms = await createChannel(prisma, { organizationId: w.organizationId, kind: "SMS", name: "Alerts SMS" });
    await createMessageTemplate(prisma, { organizationId: w.organizationId, name: "sms_ok", channelKind: "SMS", body: "Hi {{firstName}}" });
    await createMessageTemplate(prisma, { organizationId: w.organizationId, name: "sms_draft", channelKind: "SMS", approvalStatus: "DRAFT" });
    await createMessageTemplate(prisma, { organizationId: w.organizationId, name: "wa_ok", channelKind: "WHATSAPP" });
    const agent = await w.as(w.agent);
    const sent = await agent.conversation.send({ contactId: w.contact.id, channelId: sms.id, content: { kind: "TEXT", body: "Your demo is at 5" } });
    const templates = await agent.conversation.templates({ id: sent.conversationId });
    expect(templates.map((t) => [t.name, t.variables])).toEqual([["sms_ok", ["firstName"]]]);
    const forContact = await agent.conversation.forContact({ contactId: w.contact.id });
    expect(forContact.conversations.map((c) => c.channel.kind).sort()).toEqual(["SMS", "WHATSAPP"]);
    expect(forContact.channels.map((c) => c.name).sort()).toEqual(["Alerts SMS", "Sales WhatsApp"]);
    await expectTRPCError((await w.as(w.viewer)).conversation.send({ contactId: w.contact.id, channelId: sms.id, content: { kind: "TEXT", body: "x" } }), "FORBIDDEN");
  });
});

describe("access", () => {
  test("another organization's ids, replayed through every procedure, are NOT_FOUND with none of its data and nothing written", async () => {
    const w = await chatWorld();
    const owner = await w.as(w.owner);
    const id = w.bConversation.id;
    const before = { messages: await prisma.message.count(), events: await prisma.contactEvent.count(), row: await prisma.conversation.findUniqueOrThrow({ where: { id } }) };
    const calls: Array<() => Promise<unknown>> = [
      () => owner.conversation.get({ id }),
      () => owner.conversation.messages({ id }),
      () => owner.conversation.templates({ id }),
      () => owner.conversation.markRead({ id }),
      () => owner.conversation.setStatus({ id, status: "RESOLVED" }),
      () => owner.conversation.send({ conversationId: id, content: { kind: "NOTE", body: "peek" } }),
      () => owner.conversation.send({ contactId: w.bContact.id, channelId: w.bChannel.id, content: { kind: "NOTE", body: "peek" } }),
      () => owner.conversation.send({ contactId: w.contact.id, channelId: w.bChannel.id, content: { kind: "NOTE", body: "peek" } }),
      () => owner.conversation.forContact({ contactId: w.bContact.id }),
    ];
    for (const call of calls) {
      const error = await expectTRPCError(call(), "NOT_FOUND");
      expect(error.message).not.toMatch(/secret|Bina/);
    }
    expect(await prisma.message.count()).toBe(before.messages);
    expect(await prisma.contactEvent.count()).toBe(before.events);
    expect(await prisma.conversation.findUniqueOrThrow({ where: { id } })).toEqual(before.row);
  });

  test("an agent opening another agent's conversation gets NOT_FOUND everywhere; a manager works it", async () => {
    const w = await chatWorld();
    await prisma.conversation.update({ where: { id: w.conversation.id }, data: { assigneeId: w.otherAgent.id, unreadCount: 2 } });
    await createMessage(prisma, w.conversation, { direction: "INBOUND", body: "Only for Rohit" });
    const agent = await w.as(w.agent);
    const id = w.conversation.id;
    for (const call of [
      () => agent.conversation.get({ id }),
      () => agent.conversation.messages({ id }),
      () => agent.conversation.templates({ id }),
      () => agent.conversation.markRead({ id }),
      () => agent.conversation.setStatus({ id, status: "RESOLVED" }),
      () => agent.conversation.send({ conversationId: id, content: { kind: "NOTE", body: "x" } }),
      () => agent.conversation.send({ contactId: w.contact.id, channelId: w.whatsapp.id, content: { kind: "NOTE", body: "x" } }),
    ]) {
      await expectTRPCError(call(), "NOT_FOUND", "Conversation not found.");
    }
    expect((await agent.conversation.forContact({ contactId: w.contact.id })).conversations).toEqual([]);
    expect(await prisma.conversation.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "OPEN", unreadCount: 2 });

    const manager = await w.as(w.manager);
    expect((await manager.conversation.get({ id })).canWork).toBe(true);
    expect(await manager.conversation.markRead({ id })).toEqual({ changed: true });
    const mine = await w.as(w.otherAgent);
    expect((await mine.conversation.messages({ id })).messages.map((m) => m.body)).toEqual(["Only for Rohit"]);
  });
});
