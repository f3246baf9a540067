// Stored inbound events received together: each becomes its message (as one at a time would make
// it), a refused one among them is still refused with its reason, and a rerun changes nothing.
import { randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { createOrganization } from "../../../prisma/factories";
import { createChannel } from "../../../prisma/factories-conversations";
import { receiveTwilioMessages } from "./receive-twilio-message.server";

const sid = () => `SM${randomBytes(16).toString("hex")}`;

async function storeEvent(organizationId: string, channelId: string, payload: Record<string, string>) {
  return prisma.webhookEvent.create({
    data: { provider: "twilio", kind: "inbound", dedupeKey: `${channelId}:${payload.MessageSid}`, organizationId, channelId, payload },
  });
}

function outcomes(results: Awaited<ReturnType<typeof receiveTwilioMessages>>, ids: string[]) {
  return ids.map((id) => {
    const result = results.get(id);
    return result?.ok ? result.value : "error";
  });
}

describe("receiveTwilioMessages", () => {
  test("a batch receives every message into its sender's conversation and marks the events processed", async () => {
    const { organization } = await createOrganization(prisma);
    const channel = await createChannel(prisma, { organizationId: organization.id, kind: "WHATSAPP" });
    const senders = ["+919812300011", "+919812300012"];
    const events = [];
    for (let index = 0; index < 6; index += 1) {
      events.push(await storeEvent(organization.id, channel.id, { MessageSid: sid(), From: `whatsapp:${senders[index % 2]}`, Body: `Message ${index}` }));
    }
    const ids = events.map((event) => event.id);
    expect(outcomes(await receiveTwilioMessages(prisma, { webhookEventIds: ids }), ids)).toEqual(Array(6).fill("received"));

    const conversations = await prisma.conversation.findMany({ where: { channelId: channel.id }, include: { contact: true } });
    expect(conversations.map((conversation) => [conversation.contact.phone, conversation.unreadCount]).sort()).toEqual([
      [senders[0], 3],
      [senders[1], 3],
    ]);
    expect(await prisma.message.count({ where: { channelId: channel.id } })).toBe(6);
    expect(await prisma.contactEvent.count({ where: { organizationId: organization.id, type: "MESSAGE_RECEIVED" } })).toBe(6);
    expect(await prisma.webhookEvent.count({ where: { id: { in: ids }, processedAt: null } })).toBe(0);

    expect(outcomes(await receiveTwilioMessages(prisma, { webhookEventIds: ids }), ids)).toEqual(Array(6).fill("already processed"));
    expect(await prisma.message.count({ where: { channelId: channel.id } })).toBe(6);
  });

  test("a sender that is no phone number is refused with its reason; the others in its batch are received", async () => {
    const { organization } = await createOrganization(prisma);
    const channel = await createChannel(prisma, { organizationId: organization.id, kind: "SMS" });
    const good = await storeEvent(organization.id, channel.id, { MessageSid: sid(), From: "+919812300021", Body: "Hello" });
    const bad = await storeEvent(organization.id, channel.id, { MessageSid: sid(), From: "not a number", Body: "Hello" });
    const ids = [good.id, bad.id];
    expect(outcomes(await receiveTwilioMessages(prisma, { webhookEventIds: ids }), ids)).toEqual(["received", "refused"]);
    const refused = await prisma.webhookEvent.findUniqueOrThrow({ where: { id: bad.id } });
    expect(refused.processedAt).not.toBeNull();
    expect(refused.error).toContain("is not a phone number");
    expect(await prisma.message.count({ where: { channelId: channel.id } })).toBe(1);
  });
});
