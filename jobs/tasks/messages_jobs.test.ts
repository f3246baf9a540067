// The two message tasks refuse a payload they can't read and do nothing for an event that is gone
// or already processed.
import { randomUUID } from "node:crypto";
import { ZodError } from "zod";
import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { createOrganization } from "../../prisma/factories";
import { createChannel } from "../../prisma/factories-conversations";
import messagesReceive from "./messages_receive";
import messagesStatus from "./messages_status";

const helpers = { logger: { debug: () => {} }, job: { id: "1", attempts: 1 } } as never;

describe("messages_receive and messages_status", () => {
  test.each([
    ["messages_receive", messagesReceive],
    ["messages_status", messagesStatus],
  ] as const)("%s refuses a malformed payload and ignores an unknown event", async (_name, task) => {
    await expect(task({ webhookEventId: "nope" }, helpers)).rejects.toBeInstanceOf(ZodError);
    await expect(task({}, helpers)).rejects.toBeInstanceOf(ZodError);
    await expect(task({ webhookEventId: randomUUID() }, helpers)).resolves.toBeUndefined();
  });

  test("an event already processed is left alone; one of the other kind is not taken", async () => {
    const { organization } = await createOrganization(prisma);
    const channel = await createChannel(prisma, { organizationId: organization.id });
    const processedAt = new Date("2026-12-03T09:00:00Z");
    const done = await prisma.webhookEvent.create({
      data: { provider: "twilio", kind: "inbound", dedupeKey: `${channel.id}:done`, organizationId: organization.id, channelId: channel.id, payload: { MessageSid: `SM${"a".repeat(32)}`, From: "+919812345678" }, processedAt },
    });
    await messagesReceive({ webhookEventId: done.id }, helpers);
    await messagesStatus({ webhookEventId: done.id }, helpers);
    expect(await prisma.message.count({ where: { channelId: channel.id } })).toBe(0);
    expect((await prisma.webhookEvent.findUniqueOrThrow({ where: { id: done.id } })).processedAt).toEqual(processedAt);

    const status = await prisma.webhookEvent.create({
      data: { provider: "twilio", kind: "status", dedupeKey: `${channel.id}:s`, organizationId: organization.id, channelId: channel.id, payload: { MessageSid: `SM${"b".repeat(32)}`, MessageStatus: "delivered" } },
    });
    await messagesReceive({ webhookEventId: status.id }, helpers);
    expect((await prisma.webhookEvent.findUniqueOrThrow({ where: { id: status.id } })).processedAt).toBeNull();
    await messagesStatus({ webhookEventId: status.id }, helpers);
    expect(await prisma.pendingMessageStatus.count({ where: { channelId: channel.id } })).toBe(1);
  });
});
