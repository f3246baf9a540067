// Round-robin through receiveMessage: who gets a new conversation, fairly, under concurrency; who is
// skipped (away, viewers, the setting off); and the notifications it leaves.
import { expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { systemActor, type CommandContext } from "~/services/command.server";
import { receiveMessage } from "./receive-message.server";
import { addMember, createOrganization } from "../../../prisma/factories";
import { createChannel } from "../../../prisma/factories-conversations";

let sequence = 0;

async function roundRobinWorld({ agents = 3 }: { agents?: number } = {}) {
  const { organization, owner } = await createOrganization(prisma, { name: "Round Robin Traders" });
  const organizationId = organization.id;
  // The owner is away: only the agents take conversations.
  await prisma.membership.updateMany({ where: { organizationId, userId: owner.id }, data: { available: false } });
  const members = [];
  for (let i = 0; i < agents; i++) members.push((await addMember(prisma, { organizationId, role: "AGENT", user: { name: `Agent ${i + 1}` } })).user);
  const viewer = (await addMember(prisma, { organizationId, role: "VIEWER", user: { name: "Vikram Viewer" } })).user;
  const whatsapp = await createChannel(prisma, { organizationId, kind: "WHATSAPP", name: "Sales WhatsApp" });
  const context: CommandContext = { organizationId, actor: systemActor("WhatsApp") };
  const receive = (phone: string, body = "Hi, is this available?") =>
    prisma.$transaction((tx) =>
      receiveMessage(tx, context, {
        channelId: whatsapp.id,
        from: { phone, name: `Customer ${phone.slice(-4)}` },
        providerMessageId: `SM${String(++sequence).padStart(32, "0")}`,
        body,
        media: [],
        sentAt: new Date(),
      }),
    );
  let phoneSeed = 0;
  const newPhone = () => `+9198${String(Math.floor(Math.random() * 1e4)).padStart(4, "0")}${String(++phoneSeed).padStart(4, "0")}`;
  const assigneeOf = async (conversationId: string) => (await prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } })).assigneeId;
  return { organizationId, owner, members, viewer, whatsapp, receive, newPhone, assigneeOf };
}

function tally(ids: Array<string | null>) {
  const counts = new Map<string | null, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

test("one after another, new conversations go to each available agent in turn, least recently assigned first", async () => {
  const w = await roundRobinWorld();
  const assignees: Array<string | null> = [];
  for (let i = 0; i < 6; i++) assignees.push(await w.assigneeOf((await w.receive(w.newPhone())).conversationId));
  const [a, b, c] = w.members.map((member) => member.id);
  expect(assignees).toEqual([a, b, c, a, b, c]);
  // The timeline says the round-robin did it; each agent has one notification per conversation.
  const event = await prisma.contactEvent.findFirstOrThrow({ where: { organizationId: w.organizationId, type: "CONVERSATION_ASSIGNED" } });
  expect(event).toMatchObject({ actorId: null, actorLabel: "Round-robin" });
  expect(await prisma.notification.count({ where: { organizationId: w.organizationId, userId: a } })).toBe(2);
});

test("concurrent new conversations each take a different agent; rounds of them share the work exactly", async () => {
  const w = await roundRobinWorld({ agents: 4 });
  const all: Array<string | null> = [];
  for (let round = 0; round < 3; round++) {
    const received = await Promise.all(w.members.map(() => w.receive(w.newPhone())));
    const assignees = await Promise.all(received.map((result) => w.assigneeOf(result.conversationId)));
    expect(new Set(assignees).size).toBe(w.members.length);
    all.push(...assignees);
  }
  const counts = tally(all);
  for (const member of w.members) expect(counts.get(member.id)).toBe(3);
  expect(counts.has(null)).toBe(false);
});

test("more concurrent conversations than agents: all assigned, none to anyone away or a viewer, close to even", async () => {
  const w = await roundRobinWorld({ agents: 3 });
  const received = await Promise.all(Array.from({ length: 12 }, () => w.receive(w.newPhone())));
  const counts = tally(await Promise.all(received.map((result) => w.assigneeOf(result.conversationId))));
  expect(counts.has(null)).toBe(false);
  expect(counts.has(w.owner.id)).toBe(false);
  expect(counts.has(w.viewer.id)).toBe(false);
  for (const member of w.members) expect(counts.get(member.id) ?? 0).toBeGreaterThanOrEqual(2);
});

test("an agent who marks themselves away is skipped; with nobody available the conversation stays unassigned", async () => {
  const w = await roundRobinWorld({ agents: 2 });
  const [a, b] = w.members;
  await prisma.membership.updateMany({ where: { organizationId: w.organizationId, userId: a!.id }, data: { available: false } });
  const first = await w.receive(w.newPhone());
  const second = await w.receive(w.newPhone());
  expect([await w.assigneeOf(first.conversationId), await w.assigneeOf(second.conversationId)]).toEqual([b!.id, b!.id]);
  await prisma.membership.updateMany({ where: { organizationId: w.organizationId, userId: b!.id }, data: { available: false } });
  const third = await w.receive(w.newPhone());
  expect(await w.assigneeOf(third.conversationId)).toBeNull();
  // Back at work: the next message in that unassigned conversation gives it to the agent who waited longest.
  await prisma.membership.updateMany({ where: { organizationId: w.organizationId }, data: { available: true } });
  await prisma.membership.updateMany({ where: { organizationId: w.organizationId, userId: w.owner.id }, data: { available: false } });
  const phone = (await prisma.contact.findUniqueOrThrow({ where: { id: third.contactId } })).phone!;
  await w.receive(phone, "Hello? Anyone there?");
  expect(await w.assigneeOf(third.conversationId)).toBe(a!.id);
});

test("with auto-assign off nothing is assigned; an assigned conversation keeps its agent", async () => {
  const w = await roundRobinWorld({ agents: 2 });
  const phone = w.newPhone();
  const first = await w.receive(phone);
  const agent = await w.assigneeOf(first.conversationId);
  expect(agent).toBe(w.members[0]!.id);
  await w.receive(phone, "One more question");
  expect(await w.assigneeOf(first.conversationId)).toBe(agent);

  await prisma.organization.update({ where: { id: w.organizationId }, data: { autoAssignConversations: false } });
  const other = await w.receive(w.newPhone());
  expect(await w.assigneeOf(other.conversationId)).toBeNull();
});

test("a customer writing in an agent's conversation updates their one unread notification instead of adding more", async () => {
  const w = await roundRobinWorld({ agents: 1 });
  const agent = w.members[0]!;
  const phone = w.newPhone();
  const { conversationId } = await w.receive(phone, "Hello");
  await w.receive(phone, "Are you there?");
  await w.receive(phone, "Price for 2 units?");
  const unread = await prisma.notification.findMany({ where: { organizationId: w.organizationId, userId: agent.id } });
  expect(unread).toEqual([
    expect.objectContaining({ kind: "CONVERSATION_MESSAGE", body: "Price for 2 units?", url: `/inbox/${conversationId}`, readAt: null }),
  ]);
  expect(unread[0]!.title).toMatch(/^Customer \d{4} wrote on WhatsApp$/);
  // Once read, the next message makes a new one.
  await prisma.notification.updateMany({ where: { userId: agent.id }, data: { readAt: new Date() } });
  await w.receive(phone, "Hello again");
  expect(await prisma.notification.count({ where: { userId: agent.id } })).toBe(2);
  expect(await prisma.notification.count({ where: { userId: agent.id, readAt: null } })).toBe(1);
});
