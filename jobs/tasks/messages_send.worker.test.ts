// Through a real worker: messages to one contact go out in the order they were written, even with
// several jobs running at once and other conversations sending alongside.
import { expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { userActor } from "~/services/command.server";
import { sendMessage } from "~/services/conversation/send-message.server";
import { createContact, createOrganization } from "../../prisma/factories";
import { createChannel, createConversation } from "../../prisma/factories-conversations";
import { startWorker } from "../worker";
import { waitFor } from "~/testing/wait-for";

test("each conversation's messages reach the provider in the order they were written", async () => {
  const { organization, owner } = await createOrganization(prisma);
  const channel = await createChannel(prisma, { organizationId: organization.id, kind: "WHATSAPP" });
  await prisma.channel.update({ where: { id: channel.id }, data: { ratePerSecond: 1000 } });
  const conversations = [];
  for (let i = 0; i < 3; i++) {
    const contact = await createContact(prisma, { organizationId: organization.id });
    const conversation = await createConversation(prisma, { organizationId: organization.id, contactId: contact.id, channelId: channel.id });
    await prisma.conversation.update({ where: { id: conversation.id }, data: { lastInboundAt: new Date() } });
    conversations.push({ conversation, contact });
  }
  const ctx = { organizationId: organization.id, actor: userActor(owner.id) };
  // Written in turns, one transaction each, so the three queues interleave.
  for (let n = 1; n <= 6; n++) {
    for (const { conversation } of conversations) {
      await prisma.$transaction((tx) => sendMessage(tx, ctx, { conversationId: conversation.id, content: { kind: "TEXT", body: `Message ${n}` } }));
    }
  }

  const worker = await startWorker({ concurrency: 4 });
  try {
    await waitFor(
      () => prisma.message.count({ where: { organizationId: organization.id, providerMessageId: { not: null } } }),
      (sent) => sent === 18,
      "all 18 messages to reach the sandbox",
    );
  } finally {
    await worker.stop();
  }

  for (const { contact } of conversations) {
    const rows = await prisma.sandboxOutbox.findMany({ where: { organizationId: organization.id, toAddress: contact.phone! }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    expect(rows.map((row) => row.body)).toEqual(["Message 1", "Message 2", "Message 3", "Message 4", "Message 5", "Message 6"]);
  }
  expect(await prisma.sandboxOutbox.count({ where: { organizationId: organization.id } })).toBe(18);
});
