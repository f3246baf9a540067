// The notifications centre: one's own only (another user's or organization's ids find nothing),
// coalescing, keyset paging, marking read; and the live event that reaches only its user's topic.
import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { expectTRPCError } from "~/testing/caller";
import { contactWorld } from "~/trpc/routers/contact/contact-test-world";
import { notify } from "~/services/notification/notify.server";
import { NOTIFICATION_PAGE_SIZE } from "~/domain/notification/notification";
import { eventMatchesTopics, liveTopic } from "~/utils/live-event";
import { setClock } from "~/utils/clock";

const send = (input: Parameters<typeof notify>[1]) => prisma.$transaction((tx) => notify(tx, input));

describe("notify", () => {
  test("with a coalesce key, a user keeps one unread notification per key; it moves up with its latest words", async () => {
    const w = await contactWorld();
    const base = { organizationId: w.organizationId, userId: w.agent.id, kind: "CONVERSATION_MESSAGE", url: "/inbox/x" };
    const at = (minute: number) => setClock(new Date(Date.UTC(2026, 11, 1, 9, minute)));
    let restore = at(1);
    const first = await send({ ...base, title: "Kavya wrote", body: "Hello", coalesceKey: "conversation:1" });
    restore();
    restore = at(2);
    const other = await send({ ...base, title: "Ravi wrote", body: "Hi", coalesceKey: "conversation:2" });
    restore();
    restore = at(3);
    const again = await send({ ...base, title: "Kavya wrote", body: "Price?", coalesceKey: "conversation:1" });
    restore();
    expect(again.notificationId).toBe(first.notificationId);
    const { items } = await (await w.as(w.agent)).notification.list({});
    expect(items.map((item) => [item.title, item.body])).toEqual([
      ["Kavya wrote", "Price?"],
      ["Ravi wrote", "Hi"],
    ]);
    expect(items[1]!.id).toBe(other.notificationId);
    // Without a key every notification stands alone.
    await send({ ...base, title: "A", body: "" });
    await send({ ...base, title: "A", body: "" });
    expect(await prisma.notification.count({ where: { userId: w.agent.id } })).toBe(4);
  });

  test("bad input is refused and writes nothing: another site as the link, an empty title, a lower-case kind", async () => {
    const w = await contactWorld();
    const base = { organizationId: w.organizationId, userId: w.agent.id, kind: "CONVERSATION_MESSAGE", title: "T", url: "/inbox" };
    await expect(send({ ...base, url: "https://evil.example/phish" })).rejects.toThrow(/a path starting with \//);
    await expect(send({ ...base, url: "//evil.example" })).rejects.toThrow(/a path starting with \//);
    await expect(send({ ...base, title: "   " })).rejects.toThrow(/needs a title/);
    await expect(send({ ...base, kind: "assigned" })).rejects.toThrow(/upper-case word/);
    expect(await prisma.notification.count({ where: { organizationId: w.organizationId } })).toBe(0);
  });

  test("the live event reaches only its user's topic, not the organization's other streams", () => {
    const event = { type: "notification.changed" as const, notificationId: null, userId: "11111111-1111-4111-8111-111111111111" };
    const org = liveTopic("organization", "22222222-2222-4222-8222-222222222222");
    expect(eventMatchesTopics(event, new Set([org, liveTopic("user", event.userId)]))).toBe(true);
    expect(eventMatchesTopics(event, new Set([org]))).toBe(false);
    expect(eventMatchesTopics(event, new Set([org, liveTopic("user", "33333333-3333-4333-8333-333333333333")]))).toBe(false);
  });

  test("the inbox topic hears conversations' list entries and nothing else of the organization", () => {
    const inbox = new Set([liveTopic("inbox", "22222222-2222-4222-8222-222222222222")]);
    const ids = { conversationId: "44444444-4444-4444-8444-444444444444", contactId: "55555555-5555-4555-8555-555555555555" };
    expect(eventMatchesTopics({ type: "conversation.changed", ...ids }, inbox)).toBe(true);
    expect(eventMatchesTopics({ type: "refetch", of: "conversation.changed" }, inbox)).toBe(true);
    expect(eventMatchesTopics({ type: "message.changed", messageId: ids.conversationId, ...ids }, inbox)).toBe(false);
    expect(eventMatchesTopics({ type: "contact.changed", contactIds: [ids.contactId] }, inbox)).toBe(false);
    expect(eventMatchesTopics({ type: "deal.changed", dealId: ids.contactId }, inbox)).toBe(false);
    expect(eventMatchesTopics({ type: "notification.changed", notificationId: null, userId: ids.contactId }, inbox)).toBe(false);
  });
});

describe("notification router", () => {
  test("a user sees, counts and marks only their own; another user's and another organization's ids are not found", async () => {
    const w = await contactWorld();
    const mine = await send({ organizationId: w.organizationId, userId: w.agent.id, kind: "CONVERSATION_ASSIGNED", title: "Mine", url: "/inbox/a" });
    const theirs = await send({ organizationId: w.organizationId, userId: w.otherAgent.id, kind: "CONVERSATION_ASSIGNED", title: "Theirs", url: "/inbox/b" });
    const otherOrg = await send({ organizationId: w.b.organization.id, userId: w.bAgent.id, kind: "CONVERSATION_ASSIGNED", title: "Org B", url: "/inbox/c" });
    const agent = await w.as(w.agent);

    expect((await agent.notification.list({})).items.map((item) => item.title)).toEqual(["Mine"]);
    expect(await agent.notification.unreadCount()).toBe(1);
    await expectTRPCError(agent.notification.markRead({ id: theirs.notificationId }), "NOT_FOUND", "Notification not found.");
    await expectTRPCError(agent.notification.markRead({ id: otherOrg.notificationId }), "NOT_FOUND", "Notification not found.");
    await expectTRPCError(agent.notification.markRead({ id: "nope" }), "BAD_REQUEST", /Notification not found/);
    expect(await prisma.notification.count({ where: { readAt: { not: null }, id: { in: [theirs.notificationId, otherOrg.notificationId] } } })).toBe(0);

    expect(await agent.notification.markRead({ id: mine.notificationId })).toEqual({ id: mine.notificationId, url: "/inbox/a" });
    expect(await agent.notification.unreadCount()).toBe(0);
    // Reading it twice is harmless.
    expect(await agent.notification.markRead({ id: mine.notificationId })).toEqual({ id: mine.notificationId, url: "/inbox/a" });

    // Mark all read touches nobody else's.
    await send({ organizationId: w.organizationId, userId: w.agent.id, kind: "CONVERSATION_ASSIGNED", title: "Second", url: "/inbox/d" });
    expect(await agent.notification.markAllRead()).toEqual({ marked: 1 });
    expect(await (await w.as(w.otherAgent)).notification.unreadCount()).toBe(1);
    expect(await (await w.as(w.bAgent, w.b.organization.id)).notification.unreadCount()).toBe(1);
  });

  test("newest first, one page at a time by keyset", async () => {
    const w = await contactWorld();
    const total = NOTIFICATION_PAGE_SIZE + 5;
    for (let i = 0; i < total; i++) {
      await prisma.notification.create({
        data: {
          organizationId: w.organizationId,
          userId: w.agent.id,
          kind: "CONVERSATION_ASSIGNED",
          title: `N${i}`,
          url: "/inbox",
          updatedAt: new Date(Date.UTC(2026, 11, 1, 0, Math.floor(i / 2))),
        },
      });
    }
    const agent = await w.as(w.agent);
    const first = await agent.notification.list({});
    expect(first.items).toHaveLength(NOTIFICATION_PAGE_SIZE);
    expect(first.nextCursor).not.toBeNull();
    const second = await agent.notification.list({ cursor: first.nextCursor! });
    expect(second.items).toHaveLength(5);
    expect(second.nextCursor).toBeNull();
    const expected = await prisma.notification.findMany({ where: { userId: w.agent.id }, orderBy: [{ updatedAt: "desc" }, { id: "desc" }] });
    expect([...first.items, ...second.items].map((item) => item.id)).toEqual(expected.map((row) => row.id));
  });
});

describe("member availability and the auto-assign switch", () => {
  test("members switch their own availability, managers anyone's; agents not others'; admins the switch", async () => {
    const w = await contactWorld();
    const membershipOf = (userId: string) => prisma.membership.findFirstOrThrow({ where: { organizationId: w.organizationId, userId } });
    const agentMembership = await membershipOf(w.agent.id);
    const otherMembership = await membershipOf(w.otherAgent.id);
    const agent = await w.as(w.agent);
    expect(await agent.member.setAvailability({ membershipId: agentMembership.id, available: "false" })).toMatchObject({ available: false, self: true });
    expect((await membershipOf(w.agent.id)).available).toBe(false);
    await expectTRPCError(agent.member.setAvailability({ membershipId: otherMembership.id, available: false }), "FORBIDDEN", /Only managers/);
    const bMembership = await prisma.membership.findFirstOrThrow({ where: { userId: w.bAgent.id } });
    await expectTRPCError((await w.as(w.manager)).member.setAvailability({ membershipId: bMembership.id, available: false }), "NOT_FOUND");
    expect((await prisma.membership.findUniqueOrThrow({ where: { id: bMembership.id } })).available).toBe(true);
    await (await w.as(w.manager)).member.setAvailability({ membershipId: otherMembership.id, available: false });
    expect((await membershipOf(w.otherAgent.id)).available).toBe(false);

    await expectTRPCError((await w.as(w.manager)).organization.setAutoAssign({ enabled: false }), "FORBIDDEN");
    expect(await (await w.as(w.admin)).organization.setAutoAssign({ enabled: false })).toEqual({ autoAssignConversations: false });
    expect((await prisma.organization.findUniqueOrThrow({ where: { id: w.b.organization.id } })).autoAssignConversations).toBe(true);
  });
});
