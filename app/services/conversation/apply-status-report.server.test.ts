// One report for several provider ids of a channel: each id moved, unchanged or kept exactly as a
// report for that id alone would leave it, and nothing of another organization moves.
import { expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { createContact, createOrganization } from "../../../prisma/factories";
import { createChannel, createConversation, createMessage } from "../../../prisma/factories-conversations";
import { applyStatusReport, applyStatusReportToMany, type StatusOutcome } from "./apply-status-report.server";

const at = (seconds: number) => new Date(Date.UTC(2026, 11, 3, 10, 0, seconds));

/** A channel with a sent message, a read one and a provider id no message holds yet. */
async function situation() {
  const { organization } = await createOrganization(prisma);
  const channel = await createChannel(prisma, { organizationId: organization.id });
  const contact = await createContact(prisma, { organizationId: organization.id });
  const conversation = await createConversation(prisma, { organizationId: organization.id, contactId: contact.id, channelId: channel.id });
  const tag = channel.id.slice(0, 8);
  const sent = await createMessage(prisma, conversation, { status: "SENDING", providerMessageId: `SMsent${tag}` });
  const read = await createMessage(prisma, conversation, { status: "READ", providerMessageId: `SMread${tag}` });
  return { organization, channel, sent, read, ids: [sent.providerMessageId!, read.providerMessageId!, `SMunknown${tag}`] };
}

async function outcomeOf(channelId: string) {
  const messages = await prisma.message.findMany({ where: { channelId }, select: { body: true, status: true, deliveredAt: true }, orderBy: { createdAt: "asc" } });
  const pending = await prisma.pendingMessageStatus.findMany({ where: { channelId }, select: { status: true } });
  return { messages: messages.map(({ status, deliveredAt }) => ({ status, delivered: deliveredAt !== null })), pending };
}

test("a report for several provider ids leaves each as a report for it alone would", async () => {
  const together = await situation();
  const alone = await situation();
  const report = { status: "DELIVERED" as const, occurredAt: at(3) };

  const many = await prisma.$transaction((tx) =>
    applyStatusReportToMany(tx, { organizationId: together.organization.id, channelId: together.channel.id, providerMessageIds: together.ids }, report),
  );
  const each: StatusOutcome[] = [];
  for (const providerMessageId of alone.ids) {
    each.push(await prisma.$transaction((tx) => applyStatusReport(tx, { organizationId: alone.organization.id, channelId: alone.channel.id, providerMessageId }, report)));
  }

  expect(together.ids.map((id) => many.get(id))).toEqual(["moved", "unchanged", "kept"]);
  expect(each).toEqual(["moved", "unchanged", "kept"]);
  expect(await outcomeOf(together.channel.id)).toEqual(await outcomeOf(alone.channel.id));
  expect(await outcomeOf(together.channel.id)).toEqual({
    messages: [{ status: "DELIVERED", delivered: true }, { status: "READ", delivered: false }],
    pending: [{ status: "DELIVERED" }],
  });
});

test("a report naming another organization's provider ids moves nothing there", async () => {
  const mine = await situation();
  const theirs = await situation();
  await prisma.$transaction((tx) =>
    applyStatusReportToMany(tx, { organizationId: mine.organization.id, channelId: theirs.channel.id, providerMessageIds: theirs.ids }, { status: "READ", occurredAt: at(5) }),
  );
  expect(await prisma.message.findUniqueOrThrow({ where: { id: theirs.sent.id } })).toMatchObject({ status: "SENDING", readAt: null });
});
