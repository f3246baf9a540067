// A batch of delivery statuses gives what applying each on its own gives: every message at its
// furthest status whatever the order, a report for an unknown provider id kept, and another
// organization's message untouched by a report naming its provider id.
import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { createContact, createOrganization } from "../../../prisma/factories";
import { createChannel, createConversation, createMessage } from "../../../prisma/factories-conversations";
import { applyStatusReports, type RefAndReport } from "./apply-status-reports.server";

const at = (seconds: number) => new Date(Date.UTC(2026, 11, 3, 10, 0, seconds));

async function sentMessages(count: number) {
  const { organization } = await createOrganization(prisma);
  const channel = await createChannel(prisma, { organizationId: organization.id });
  const contact = await createContact(prisma, { organizationId: organization.id });
  const conversation = await createConversation(prisma, { organizationId: organization.id, contactId: contact.id, channelId: channel.id });
  const messages = [];
  for (let i = 0; i < count; i += 1) messages.push(await createMessage(prisma, conversation, { status: "SENDING", providerMessageId: `SMbatch${i}${channel.id.slice(0, 8)}` }));
  return { organization, channel, messages };
}

describe("applyStatusReports", () => {
  test("shuffled and repeated reports leave each message at its furthest status and keep one for an unknown id", async () => {
    const { organization, channel, messages } = await sentMessages(5);
    const ref = (providerMessageId: string) => ({ organizationId: organization.id, channelId: channel.id, providerMessageId });
    const items: RefAndReport[] = [];
    for (const message of messages) {
      items.push({ ref: ref(message.providerMessageId!), report: { status: "READ", occurredAt: at(5) } });
      items.push({ ref: ref(message.providerMessageId!), report: { status: "SENT", occurredAt: at(1) } });
      items.push({ ref: ref(message.providerMessageId!), report: { status: "DELIVERED", occurredAt: at(3) } });
      items.push({ ref: ref(message.providerMessageId!), report: { status: "DELIVERED", occurredAt: at(3) } });
    }
    const unknown: RefAndReport = { ref: ref("SMnotstoredyet"), report: { status: "DELIVERED", occurredAt: at(2) } };
    items.splice(7, 0, unknown);

    const results = await applyStatusReports(prisma, items);

    expect(results.size).toBe(items.length);
    expect(results.get(unknown)).toEqual({ ok: true, value: "kept" });
    expect([...results.values()].every((result) => result.ok)).toBe(true);
    const stored = await prisma.message.findMany({ where: { channelId: channel.id } });
    for (const message of stored) {
      expect(message).toMatchObject({ status: "READ", sentAt: at(1), deliveredAt: at(3), readAt: at(5) });
    }
    expect(await prisma.pendingMessageStatus.count({ where: { channelId: channel.id } })).toBe(1);
  });

  test("a report naming another organization's provider id moves nothing there", async () => {
    const mine = await sentMessages(1);
    const theirs = await sentMessages(1);
    const item: RefAndReport = {
      ref: { organizationId: mine.organization.id, channelId: mine.channel.id, providerMessageId: theirs.messages[0]!.providerMessageId! },
      report: { status: "READ", occurredAt: at(5) },
    };
    const results = await applyStatusReports(prisma, [item]);
    expect(results.get(item)).toEqual({ ok: true, value: "kept" });
    expect(await prisma.message.findUniqueOrThrow({ where: { id: theirs.messages[0]!.id } })).toMatchObject({ status: "SENDING", readAt: null });
  });
});
