import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import type { MessageStatus } from "~/domain/conversation/message-status";
import { advanceMessageStatus, keepPendingStatus, takePendingStatuses } from "~/models/message-status.server";
import { createContact, createOrganization } from "../../prisma/factories";
import { createChannel, createConversation, createMessage } from "../../prisma/factories-conversations";

async function world() {
  const { organization } = await createOrganization(prisma);
  const contact = await createContact(prisma, { organizationId: organization.id });
  const channel = await createChannel(prisma, { organizationId: organization.id });
  const conversation = await createConversation(prisma, { organizationId: organization.id, contactId: contact.id, channelId: channel.id });
  return { organization, channel, conversation };
}

const at = (second: number) => new Date(Date.UTC(2026, 11, 3, 10, 0, second));

describe("advanceMessageStatus", () => {
  test("reports in any order leave the message at the furthest one, each time filled once", async () => {
    const { organization, conversation } = await world();
    const message = await createMessage(prisma, conversation, { providerMessageId: "SM1" });
    const reports: Array<[MessageStatus, number]> = [["READ", 3], ["SENT", 1], ["DELIVERED", 2], ["SENT", 1], ["QUEUED", 0]];
    const moved: string[] = [];
    for (const [status, second] of reports) {
      const result = await advanceMessageStatus(prisma, { organizationId: organization.id, id: message.id }, { status, occurredAt: at(second) });
      if (result) moved.push(result.status);
    }
    expect(moved).toEqual(["READ"]);
    const stored = await prisma.message.findUniqueOrThrow({ where: { id: message.id } });
    expect(stored).toMatchObject({ status: "READ", readAt: at(3), sentAt: null, deliveredAt: null });
  });

  test("a failure is final and keeps the provider's reason; nothing moves it on", async () => {
    const { organization, channel, conversation } = await world();
    await createMessage(prisma, conversation, { providerMessageId: "SM2", status: "SENT" });
    const where = { organizationId: organization.id, channelId: channel.id, providerMessageId: "SM2" };
    expect(await advanceMessageStatus(prisma, where, { status: "FAILED", occurredAt: at(5), errorCode: "30008", errorMessage: "Unknown error" })).not.toBeNull();
    expect(await advanceMessageStatus(prisma, where, { status: "READ", occurredAt: at(6) })).toBeNull();
    const stored = await prisma.message.findFirstOrThrow({ where: { providerMessageId: "SM2" } });
    expect(stored).toMatchObject({ status: "FAILED", errorCode: "30008", errorMessage: "Unknown error", failedAt: at(5), readAt: null });
  });

  test("another organization's id, or an inbound message, is not moved", async () => {
    const a = await world();
    const b = await world();
    const message = await createMessage(prisma, a.conversation, { providerMessageId: "SM3" });
    const inbound = await createMessage(prisma, a.conversation, { direction: "INBOUND", providerMessageId: "SM4" });
    expect(await advanceMessageStatus(prisma, { organizationId: b.organization.id, id: message.id }, { status: "SENT", occurredAt: at(1) })).toBeNull();
    expect(await advanceMessageStatus(prisma, { organizationId: a.organization.id, id: inbound.id }, { status: "SENT", occurredAt: at(1) })).toBeNull();
    expect((await prisma.message.findUniqueOrThrow({ where: { id: message.id } })).status).toBe("QUEUED");
    expect((await prisma.message.findUniqueOrThrow({ where: { id: inbound.id } })).status).toBe("RECEIVED");
  });

  test("reports for a message not stored yet wait, once each, and are taken oldest first", async () => {
    const { organization, channel } = await world();
    const where = { organizationId: organization.id, channelId: channel.id, providerMessageId: "SM-later" };
    await keepPendingStatus(prisma, where, { status: "DELIVERED", occurredAt: at(2) });
    await keepPendingStatus(prisma, where, { status: "SENT", occurredAt: at(1) });
    await keepPendingStatus(prisma, where, { status: "SENT", occurredAt: at(1) });
    expect((await takePendingStatuses(prisma, where)).map((report) => report.status)).toEqual(["SENT", "DELIVERED"]);
    expect(await takePendingStatuses(prisma, where)).toEqual([]);
  });
});
