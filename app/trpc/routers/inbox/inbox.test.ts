// The inbox on a real database: views, filters, keyset paging, unread counts, assignment rules,
// and another organization's ids answered with nothing of theirs.
import { afterEach, describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { setClock } from "~/utils/clock";
import { expectTRPCError } from "~/testing/caller";
import { contactWorld } from "~/trpc/routers/contact/contact-test-world";
import { encodeInboxCursor } from "~/domain/conversation/inbox-filter";
import { createContact, createTag } from "../../../../prisma/factories";
import { createChannel, createConversation } from "../../../../prisma/factories-conversations";

let restoreClock: (() => void) | null = null;
afterEach(() => {
  restoreClock?.();
  restoreClock = null;
});

const T0 = new Date("2026-12-01T10:00:00.000Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

async function inboxWorld() {
  const w = await contactWorld();
  const organizationId = w.organizationId;
  const whatsapp = await createChannel(prisma, { organizationId, kind: "WHATSAPP", name: "Sales WhatsApp" });
  const sms = await createChannel(prisma, { organizationId, kind: "SMS", name: "Support SMS" });
  const email = await createChannel(prisma, { organizationId, kind: "EMAIL", name: "Hello mailbox" });
  const bChannel = await createChannel(prisma, { organizationId: w.b.organization.id, kind: "WHATSAPP", name: "B WhatsApp" });
  const bTag = await createTag(prisma, { organizationId: w.b.organization.id, name: "b-vip" });
  const vip = await createTag(prisma, { organizationId, name: "vip" });
  async function conversation(
    name: string,
    options: {
      channelId?: string;
      assigneeId?: string | null;
      at: Date;
      status?: "OPEN" | "PENDING" | "RESOLVED" | "SNOOZED";
      snoozedUntil?: Date | null;
      unread?: number;
      preview?: string;
      direction?: "INBOUND" | "OUTBOUND";
      organizationId?: string;
    },
  ) {
    const org = options.organizationId ?? organizationId;
    const contact = await createContact(prisma, { organizationId: org, name });
    const created = await createConversation(prisma, {
      organizationId: org,
      contactId: contact.id,
      channelId: options.channelId ?? whatsapp.id,
      assigneeId: options.assigneeId ?? null,
      lastMessageAt: options.at,
    });
    return prisma.conversation.update({
      where: { id: created.id },
      data: {
        status: options.status ?? "OPEN",
        snoozedUntil: options.snoozedUntil ?? null,
        unreadCount: options.unread ?? 0,
        lastMessagePreview: options.preview ?? `Hello from ${name}`,
        lastMessageDirection: options.direction ?? "INBOUND",
      },
      include: { contact: true },
    });
  }
  return { ...w, whatsapp, sms, email, bChannel, bTag, vip, conversation };
}

const names = (result: { items: Array<{ contactName: string }> }) => result.items.map((item) => item.contactName);

describe("inbox.list", () => {
  test("views: mine, unassigned and all; managers see everyone's, an agent never sees another agent's", async () => {
    const w = await inboxWorld();
    await w.conversation("Agent's", { assigneeId: w.agent.id, at: minutes(3) });
    await w.conversation("Other agent's", { assigneeId: w.otherAgent.id, at: minutes(2) });
    await w.conversation("Nobody's", { at: minutes(1) });
    await w.conversation("Org B's", { at: minutes(4), organizationId: w.b.organization.id, channelId: w.bChannel.id });

    const agent = await w.as(w.agent);
    expect(names(await agent.inbox.list({ view: "mine" }))).toEqual(["Agent's"]);
    expect(names(await agent.inbox.list({ view: "unassigned" }))).toEqual(["Nobody's"]);
    const agentAll = await agent.inbox.list({ view: "all" });
    expect(names(agentAll)).toEqual(["Agent's", "Nobody's"]);
    expect(agentAll.seesAll).toBe(false);

    const manager = await w.as(w.manager);
    const all = await manager.inbox.list({ view: "all" });
    expect(names(all)).toEqual(["Agent's", "Other agent's", "Nobody's"]);
    expect(all.seesAll).toBe(true);
    expect(names(await manager.inbox.list({ view: "mine" }))).toEqual([]);

    const viewer = await w.as(w.viewer);
    const viewed = await viewer.inbox.list({ view: "all" });
    expect(names(viewed)).toEqual(["Nobody's"]);
    expect(viewed.items.map((item) => item.assign)).toEqual(["none"]);
  });

  test("each row: contact, channel, preview, direction, time, unread, assignee, status; what the viewer may assign", async () => {
    const w = await inboxWorld();
    await w.conversation("Kavya Iyer", { assigneeId: w.agent.id, at: minutes(5), unread: 2, preview: "Price?", channelId: w.sms.id });
    await w.conversation("Ravi Menon", { at: minutes(4), direction: "OUTBOUND", preview: "Sent the brochure" });
    const agent = await w.as(w.agent);
    const { items } = await agent.inbox.list({ view: "all" });
    expect(items).toEqual([
      expect.objectContaining({
        contactName: "Kavya Iyer",
        channelKind: "SMS",
        channelName: "Support SMS",
        lastMessagePreview: "Price?",
        lastMessageDirection: "INBOUND",
        lastMessageAt: minutes(5),
        unreadCount: 2,
        assigneeId: w.agent.id,
        assigneeName: "Aisha Khan",
        status: "OPEN",
        assign: "any",
      }),
      expect.objectContaining({ contactName: "Ravi Menon", lastMessageDirection: "OUTBOUND", assigneeId: null, assigneeName: null, assign: "self" }),
    ]);
  });

  test("status filter: a snooze that has run out counts as open, decided when the list is read", async () => {
    const w = await inboxWorld();
    restoreClock = setClock(minutes(60));
    await w.conversation("Open", { at: minutes(6) });
    await w.conversation("Woke up", { at: minutes(5), status: "SNOOZED", snoozedUntil: minutes(30) });
    await w.conversation("Still snoozed", { at: minutes(4), status: "SNOOZED", snoozedUntil: minutes(90) });
    await w.conversation("Pending", { at: minutes(3), status: "PENDING" });
    await w.conversation("Resolved", { at: minutes(2), status: "RESOLVED" });
    const manager = await w.as(w.manager);

    const open = await manager.inbox.list({ view: "all", status: "open" });
    expect(names(open)).toEqual(["Open", "Woke up"]);
    expect(open.items.map((item) => item.status)).toEqual(["OPEN", "OPEN"]);
    expect(names(await manager.inbox.list({ view: "all", status: "snoozed" }))).toEqual(["Still snoozed"]);
    expect(names(await manager.inbox.list({ view: "all", status: "pending" }))).toEqual(["Pending"]);
    expect(names(await manager.inbox.list({ view: "all", status: "resolved" }))).toEqual(["Resolved"]);

    // Later, the second snooze runs out too.
    restoreClock();
    restoreClock = setClock(minutes(120));
    expect(names(await manager.inbox.list({ view: "all", status: "open" }))).toEqual(["Open", "Woke up", "Still snoozed"]);
    expect(names(await manager.inbox.list({ view: "all", status: "snoozed" }))).toEqual([]);
  });

  test("channel filter by kind or one channel, label filter by the contact's tags", async () => {
    const w = await inboxWorld();
    const onWhatsapp = await w.conversation("On WhatsApp", { at: minutes(3) });
    await w.conversation("On SMS", { at: minutes(2), channelId: w.sms.id });
    await w.conversation("By email", { at: minutes(1), channelId: w.email.id });
    await prisma.contactTag.create({ data: { organizationId: w.organizationId, contactId: onWhatsapp.contactId, tagId: w.vip.id } });
    const manager = await w.as(w.manager);

    expect(names(await manager.inbox.list({ view: "all", channel: "SMS" }))).toEqual(["On SMS"]);
    expect(names(await manager.inbox.list({ view: "all", channel: "email" }))).toEqual(["By email"]);
    expect(names(await manager.inbox.list({ view: "all", channel: w.whatsapp.id }))).toEqual(["On WhatsApp"]);
    expect(names(await manager.inbox.list({ view: "all", label: w.vip.id }))).toEqual(["On WhatsApp"]);
    expect(names(await manager.inbox.list({ view: "all", label: w.vip.id, channel: "SMS" }))).toEqual([]);
  });

  test("keyset paging: 50 a page, newest first, ties broken by id, an Older cursor until the end", async () => {
    const w = await inboxWorld();
    // 120 conversations, several sharing a time, so the id decides between them.
    for (let i = 0; i < 120; i++) await w.conversation(`Contact ${String(i).padStart(3, "0")}`, { at: minutes(Math.floor(i / 3)) });
    const manager = await w.as(w.manager);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await manager.inbox.list({ view: "all", cursor });
      pages++;
      seen.push(...page.items.map((item) => item.id));
      expect(page.items.length).toBe(pages < 3 ? 50 : 20);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(pages).toBe(3);
    const expected = await prisma.conversation.findMany({
      where: { organizationId: w.organizationId },
      orderBy: [{ lastMessageAt: "desc" }, { id: "desc" }],
      select: { id: true },
    });
    expect(seen).toEqual(expected.map((row) => row.id));
  });

  test("bad input is refused clearly; another organization's channel or label is not found", async () => {
    const w = await inboxWorld();
    await w.conversation("B's", { at: minutes(1), organizationId: w.b.organization.id, channelId: w.bChannel.id });
    const manager = await w.as(w.manager);
    await expectTRPCError(manager.inbox.list({ view: "everything" as never }), "BAD_REQUEST", /mine, unassigned or all/);
    await expectTRPCError(manager.inbox.list({ view: "all", status: "closed" as never }), "BAD_REQUEST", /open, pending, resolved or snoozed/);
    await expectTRPCError(manager.inbox.list({ view: "all", channel: "FAX" }), "BAD_REQUEST", /WhatsApp, SMS, Email/);
    await expectTRPCError(manager.inbox.list({ view: "all", cursor: "yesterday" }), "BAD_REQUEST", /page link is not valid/);
    await expectTRPCError(manager.inbox.list({ view: "all", channel: w.bChannel.id }), "NOT_FOUND", "Channel not found.");
    await expectTRPCError(manager.inbox.list({ view: "all", label: w.bTag.id }), "NOT_FOUND", "Label not found.");
    // A cursor is only a position: one made from B's conversation shows A's rows, never B's.
    const bConversation = await prisma.conversation.findFirstOrThrow({ where: { organizationId: w.b.organization.id } });
    const page = await manager.inbox.list({ view: "all", cursor: encodeInboxCursor({ lastMessageAt: minutes(10), id: bConversation.id }) });
    expect(page.items.every((item) => item.id !== bConversation.id)).toBe(true);
  });
});

describe("inbox.counts", () => {
  test("conversations with unread messages per view; an agent's all is what they may see", async () => {
    const w = await inboxWorld();
    await w.conversation("Mine unread", { assigneeId: w.agent.id, at: minutes(1), unread: 3 });
    await w.conversation("Mine read", { assigneeId: w.agent.id, at: minutes(2) });
    await w.conversation("Unassigned unread 1", { at: minutes(3), unread: 1 });
    await w.conversation("Unassigned unread 2", { at: minutes(4), unread: 5 });
    await w.conversation("Other's unread", { assigneeId: w.otherAgent.id, at: minutes(5), unread: 1 });
    await w.conversation("B unread", { at: minutes(6), unread: 9, organizationId: w.b.organization.id, channelId: w.bChannel.id });

    expect(await (await w.as(w.agent)).inbox.counts()).toEqual({ mine: 1, unassigned: 2, all: 3 });
    expect(await (await w.as(w.manager)).inbox.counts()).toEqual({ mine: 0, unassigned: 2, all: 4 });
    expect(await (await w.as(w.bAgent, w.b.organization.id)).inbox.counts()).toEqual({ mine: 0, unassigned: 1, all: 1 });
  });
});

describe("inbox.assign", () => {
  test("a manager assigns any conversation to an agent: timeline, notification for the assignee, live event", async () => {
    const w = await inboxWorld();
    const conversation = await w.conversation("Kavya Iyer", { at: minutes(1) });
    const manager = await w.as(w.manager);
    const result = await manager.inbox.assign({ conversationId: conversation.id, assigneeId: w.agent.id });
    expect(result).toEqual({ conversationId: conversation.id, assigneeId: w.agent.id, assigneeName: "Aisha Khan", changed: true });
    expect((await prisma.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).assigneeId).toBe(w.agent.id);
    const events = await prisma.contactEvent.findMany({ where: { contactId: conversation.contactId, type: "CONVERSATION_ASSIGNED" } });
    expect(events).toEqual([
      expect.objectContaining({
        actorId: w.manager.id,
        data: { conversationId: conversation.id, channelId: w.whatsapp.id, channel: "WHATSAPP", before: null, after: { id: w.agent.id, name: "Aisha Khan" } },
      }),
    ]);
    const notifications = await prisma.notification.findMany({ where: { organizationId: w.organizationId } });
    expect(notifications).toEqual([
      expect.objectContaining({ userId: w.agent.id, kind: "CONVERSATION_ASSIGNED", url: `/inbox/${conversation.id}`, readAt: null }),
    ]);
    expect(notifications[0]!.title).toBe("Kavya Iyer (WhatsApp) was assigned to you");
    const membership = await prisma.membership.findFirstOrThrow({ where: { organizationId: w.organizationId, userId: w.agent.id } });
    expect(membership.lastAssignedAt).not.toBeNull();

    // The same again changes nothing.
    expect(await manager.inbox.assign({ conversationId: conversation.id, assigneeId: w.agent.id })).toMatchObject({ changed: false });
    expect(await prisma.contactEvent.count({ where: { contactId: conversation.contactId, type: "CONVERSATION_ASSIGNED" } })).toBe(1);
  });

  test("an agent takes an unassigned conversation (no notification to themselves) and hands their own away", async () => {
    const w = await inboxWorld();
    const conversation = await w.conversation("Ravi Menon", { at: minutes(1) });
    const agent = await w.as(w.agent);
    await expectTRPCError(
      agent.inbox.assign({ conversationId: conversation.id, assigneeId: w.otherAgent.id }),
      "FORBIDDEN",
      /unassigned conversation for yourself only/,
    );
    await agent.inbox.assign({ conversationId: conversation.id, assigneeId: w.agent.id });
    expect(await prisma.notification.count({ where: { organizationId: w.organizationId } })).toBe(0);
    await agent.inbox.assign({ conversationId: conversation.id, assigneeId: w.otherAgent.id });
    expect((await prisma.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).assigneeId).toBe(w.otherAgent.id);
    // Now it is someone else's: the agent no longer sees it.
    await expectTRPCError(agent.inbox.assign({ conversationId: conversation.id, assigneeId: w.agent.id }), "NOT_FOUND", "Conversation not found.");
    const other = await w.as(w.otherAgent);
    await other.inbox.assign({ conversationId: conversation.id, assigneeId: null });
    expect((await prisma.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).assigneeId).toBeNull();
    const events = await prisma.contactEvent.findMany({ where: { contactId: conversation.contactId, type: "CONVERSATION_ASSIGNED" }, orderBy: { createdAt: "asc" } });
    expect(events.map((event) => (event.data as { after: { name: string } | null }).after?.name ?? null)).toEqual(["Aisha Khan", "Rohit Verma", null]);
  });

  test("refusals write nothing: a viewer, a viewer as assignee, a non-member, another organization's ids", async () => {
    const w = await inboxWorld();
    const conversation = await w.conversation("Meera Nair", { at: minutes(1) });
    const bConversation = await w.conversation("B's", { at: minutes(1), organizationId: w.b.organization.id, channelId: w.bChannel.id });
    const before = async () => ({
      events: await prisma.contactEvent.count(),
      notifications: await prisma.notification.count(),
      assigned: await prisma.conversation.count({ where: { assigneeId: { not: null } } }),
    });
    const start = await before();
    const manager = await w.as(w.manager);
    await expectTRPCError((await w.as(w.viewer)).inbox.assign({ conversationId: conversation.id, assigneeId: w.viewer.id }), "FORBIDDEN");
    const asViewer = await expectTRPCError(manager.inbox.assign({ conversationId: conversation.id, assigneeId: w.viewer.id }), "BAD_REQUEST");
    expect(JSON.stringify(asViewer.cause)).toContain("Vikram Viewer is a viewer and cannot work conversations.");
    const outsider = await expectTRPCError(manager.inbox.assign({ conversationId: conversation.id, assigneeId: w.bAgent.id }), "BAD_REQUEST");
    expect(JSON.stringify(outsider.cause)).toContain("Choose a member of this organization.");
    await expectTRPCError(manager.inbox.assign({ conversationId: bConversation.id, assigneeId: w.agent.id }), "NOT_FOUND", "Conversation not found.");
    await expectTRPCError(manager.inbox.assign({ conversationId: "not-an-id", assigneeId: w.agent.id }), "BAD_REQUEST", /Conversation not found/);
    // B's own agent cannot reach A's conversation either.
    await expectTRPCError(
      (await w.as(w.bAgent, w.b.organization.id)).inbox.assign({ conversationId: conversation.id, assigneeId: w.bAgent.id }),
      "NOT_FOUND",
    );
    expect(await before()).toEqual(start);
  });
});
