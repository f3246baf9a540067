// sendMessage: what it writes when a message may go, and the refusals that write nothing.
import { afterEach, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { setClock } from "~/utils/clock";
import { userActor, systemActor, type CommandContext } from "~/services/command.server";
import type { SendMessageInput } from "~/domain/conversation/send-message.schema";
import { sendMessage } from "./send-message.server";
import { createContact, createOrganization } from "../../../prisma/factories";
import { createChannel, createConversation, createMessageTemplate } from "../../../prisma/factories-conversations";

let restoreClock: (() => void) | null = null;
afterEach(() => {
  restoreClock?.();
  restoreClock = null;
});

async function world() {
  const { organization, owner } = await createOrganization(prisma, { name: "Acme Indicators" });
  const contact = await createContact(prisma, { organizationId: organization.id, name: "Priya Shah", email: "priya@example.com" });
  const whatsapp = await createChannel(prisma, { organizationId: organization.id, kind: "WHATSAPP", name: "Sales WhatsApp" });
  const conversation = await createConversation(prisma, { organizationId: organization.id, contactId: contact.id, channelId: whatsapp.id });
  const ctx: CommandContext = { organizationId: organization.id, actor: userActor(owner.id) };
  return { organization, owner, contact, whatsapp, conversation, ctx };
}

const send = (ctx: CommandContext, input: SendMessageInput) => prisma.$transaction((tx) => sendMessage(tx, ctx, input));

async function jobsFor(messageId: string) {
  return prisma.$queryRaw<Array<{ key: string; queue_name: string | null; payload: unknown }>>`
    SELECT j.key, q.queue_name, j.payload FROM graphile_worker._private_jobs j
      LEFT JOIN graphile_worker._private_job_queues q ON q.id = j.job_queue_id
     WHERE j.key = ${`messages_send:${messageId}`}`;
}

/** Rows sendMessage could write, counted everywhere (not only for one organization). */
async function rowCounts() {
  const [messages, conversations, events, jobs] = await Promise.all([
    prisma.message.count(),
    prisma.conversation.count(),
    prisma.contactEvent.count(),
    prisma.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'messages_send'`,
  ]);
  return { messages, conversations, events, jobs: jobs[0]!.n };
}

async function expectRefused(run: () => Promise<unknown>, code: string, message: RegExp | string) {
  const before = await rowCounts();
  const error = await run().catch((caught: unknown) => caught);
  expect(error).toMatchObject({ code });
  expect((error as Error).message).toMatch(message);
  expect(await rowCounts()).toEqual(before);
}

test("a text inside the window is written queued, on the conversation, the timeline and the send queue", async () => {
  const { organization, owner, contact, conversation, ctx } = await world();
  await prisma.conversation.update({ where: { id: conversation.id }, data: { lastInboundAt: new Date(Date.now() - 60 * 60 * 1000) } });

  const sent = await send(ctx, { conversationId: conversation.id, content: { kind: "TEXT", body: "  Namaste Priya! Demo link yeh raha.  " } });

  expect(sent).toEqual({ messageId: expect.any(String), conversationId: conversation.id, status: "QUEUED" });
  const message = await prisma.message.findUniqueOrThrow({ where: { id: sent.messageId } });
  expect(message).toMatchObject({
    organizationId: organization.id,
    contactId: contact.id,
    direction: "OUTBOUND",
    kind: "TEXT",
    status: "QUEUED",
    body: "Namaste Priya! Demo link yeh raha.",
    authorId: owner.id,
    providerMessageId: null,
  });
  const after = await prisma.conversation.findUniqueOrThrow({ where: { id: conversation.id } });
  expect(after).toMatchObject({ lastMessagePreview: "Namaste Priya! Demo link yeh raha.", lastMessageDirection: "OUTBOUND" });
  expect(after.lastMessageAt.getTime()).toBe(message.createdAt.getTime());
  const events = await prisma.contactEvent.findMany({ where: { contactId: contact.id } });
  expect(events).toEqual([
    expect.objectContaining({
      type: "MESSAGE_SENT",
      actorId: owner.id,
      data: { messageId: message.id, conversationId: conversation.id, channel: "WHATSAPP", kind: "TEXT", preview: "Namaste Priya! Demo link yeh raha." },
    }),
  ]);
  expect(await jobsFor(message.id)).toEqual([
    { key: `messages_send:${message.id}`, queue_name: `conversation:${conversation.id}`, payload: { organizationId: organization.id, messageId: message.id } },
  ]);
});

test("a contact and a channel without a conversation get one; a workflow's template fills its variables", async () => {
  const { organization, contact, ctx } = await world();
  const sms = await createChannel(prisma, { organizationId: organization.id, kind: "SMS" });
  const template = await createMessageTemplate(prisma, { organizationId: organization.id, channelKind: "SMS", name: "demo_ready" });

  const sent = await send(
    { ...ctx, actor: systemActor("Workflow: Welcome") },
    { contactId: contact.id, channelId: sms.id, content: { kind: "TEMPLATE", templateName: "demo_ready", variables: { firstName: "Priya", productName: "BankNifty Pro" } } },
  );

  const message = await prisma.message.findUniqueOrThrow({ where: { id: sent.messageId }, include: { conversation: true } });
  expect(message).toMatchObject({
    kind: "TEMPLATE",
    status: "QUEUED",
    body: "Hi Priya, your BankNifty Pro demo is ready.",
    templateId: template.id,
    templateVariables: { firstName: "Priya", productName: "BankNifty Pro" },
    authorId: null,
    actorLabel: "Workflow: Welcome",
  });
  expect(message.conversation).toMatchObject({ contactId: contact.id, channelId: sms.id, lastMessageDirection: "OUTBOUND" });
  // Sending again finds the same conversation.
  const again = await send(ctx, { contactId: contact.id, channelId: sms.id, content: { kind: "TEXT", body: "Any questions?" } });
  expect(again.conversationId).toBe(message.conversationId);
});

test("an approved WhatsApp template goes outside the 24-hour window", async () => {
  const { organization, conversation, ctx } = await world();
  const template = await createMessageTemplate(prisma, { organizationId: organization.id, body: "Hi {{firstName}}, still interested?" });
  const sent = await send(ctx, { conversationId: conversation.id, content: { kind: "TEMPLATE", templateId: template.id, variables: { firstName: "Priya" } } });
  expect(await prisma.message.findUniqueOrThrow({ where: { id: sent.messageId } })).toMatchObject({ status: "QUEUED", body: "Hi Priya, still interested?" });
  expect(await jobsFor(sent.messageId)).toHaveLength(1);
});

test("an internal note is stored, never queued, and does not change the conversation's preview", async () => {
  const { contact, conversation, ctx } = await world();
  const sent = await send(ctx, { conversationId: conversation.id, content: { kind: "NOTE", body: "Asked for a refund before; careful." } });
  expect(await prisma.message.findUniqueOrThrow({ where: { id: sent.messageId } })).toMatchObject({ kind: "NOTE", direction: "OUTBOUND" });
  expect(await jobsFor(sent.messageId)).toEqual([]);
  expect((await prisma.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).lastMessagePreview).toBe("");
  const [event] = await prisma.contactEvent.findMany({ where: { contactId: contact.id } });
  expect(event).toMatchObject({ type: "MESSAGE_SENT", data: expect.objectContaining({ kind: "NOTE" }) });
});

test("an opted-out contact is refused, saying so, with nothing written", async () => {
  const { organization, contact, conversation, ctx } = await world();
  await prisma.conversation.update({ where: { id: conversation.id }, data: { lastInboundAt: new Date() } });
  await prisma.contactConsent.create({
    data: { organizationId: organization.id, contactId: contact.id, channel: "WHATSAPP", status: "OPTED_OUT", source: "Replied STOP", changedAt: new Date("2026-12-01T09:00:00Z") },
  });
  await expectRefused(
    () => send(ctx, { conversationId: conversation.id, content: { kind: "TEXT", body: "Hello?" } }),
    "PRECONDITION_FAILED",
    /^Priya Shah opted out of WhatsApp messages on 1 Dec 2026, 2:30\s?pm IST \(Replied STOP\), so nothing was sent\.$/,
  );
  // Opting out of WhatsApp does not block email.
  const email = await createChannel(prisma, { organizationId: organization.id, kind: "EMAIL" });
  await expect(send(ctx, { contactId: contact.id, channelId: email.id, content: { kind: "TEXT", body: "Hello by email" } })).resolves.toMatchObject({ status: "QUEUED" });
});

test("WhatsApp free text after the window says when it closed; before any inbound message, that it never opened", async () => {
  const { conversation, ctx } = await world();
  restoreClock = setClock(new Date("2026-12-03T12:00:00Z"));
  await expectRefused(
    () => send(ctx, { conversationId: conversation.id, content: { kind: "TEXT", body: "Hi" } }),
    "PRECONDITION_FAILED",
    "The customer has not written on WhatsApp yet, so WhatsApp's 24-hour window is not open. Free text can't be sent; send an approved template instead.",
  );
  await prisma.conversation.update({ where: { id: conversation.id }, data: { lastInboundAt: new Date("2026-12-02T10:00:00Z") } });
  await expectRefused(
    () => send(ctx, { conversationId: conversation.id, content: { kind: "TEXT", body: "Hi" } }),
    "PRECONDITION_FAILED",
    /^WhatsApp's 24-hour window closed at 3 Dec 2026, 3:30\s?pm IST, 24 hours after the customer's last message\. Free text can't be sent; send an approved template instead\.$/,
  );
  // One minute before it closes, it goes.
  await prisma.conversation.update({ where: { id: conversation.id }, data: { lastInboundAt: new Date("2026-12-02T12:01:00Z") } });
  await expect(send(ctx, { conversationId: conversation.id, content: { kind: "TEXT", body: "Hi" } })).resolves.toMatchObject({ status: "QUEUED" });
});

test("a template variable without a value is named; an unapproved or unknown template is refused", async () => {
  const { organization, conversation, ctx } = await world();
  const template = await createMessageTemplate(prisma, { organizationId: organization.id, name: "demo_ready" });
  await expectRefused(
    () => send(ctx, { conversationId: conversation.id, content: { kind: "TEMPLATE", templateId: template.id, variables: { firstName: "Priya", productName: "  " } } }),
    "BAD_REQUEST",
    "The template “demo_ready” needs a value for {{productName}}.",
  );
  const draft = await createMessageTemplate(prisma, { organizationId: organization.id, name: "draft_one", approvalStatus: "PENDING" });
  await expectRefused(
    () => send(ctx, { conversationId: conversation.id, content: { kind: "TEMPLATE", templateId: draft.id, variables: { firstName: "P", productName: "X" } } }),
    "PRECONDITION_FAILED",
    "The template “draft_one” is not approved yet (pending), so it can't be sent.",
  );
  const sms = await createMessageTemplate(prisma, { organizationId: organization.id, channelKind: "SMS", name: "sms_only" });
  await expectRefused(
    () => send(ctx, { conversationId: conversation.id, content: { kind: "TEMPLATE", templateId: sms.id, variables: { firstName: "P", productName: "X" } } }),
    "BAD_REQUEST",
    "The template “sms_only” is for SMS, not WhatsApp.",
  );
  await expectRefused(
    () => send(ctx, { conversationId: conversation.id, content: { kind: "TEMPLATE", templateName: "no_such_template", variables: {} } }),
    "NOT_FOUND",
    "Template not found.",
  );
});

test("a channel that is turned off is refused, and an empty body is refused", async () => {
  const { whatsapp, conversation, ctx } = await world();
  await prisma.conversation.update({ where: { id: conversation.id }, data: { lastInboundAt: new Date() } });
  await expectRefused(
    () => send(ctx, { conversationId: conversation.id, content: { kind: "TEXT", body: "   " } }),
    "BAD_REQUEST",
    "Write a message: it is empty.",
  );
  await expectRefused(
    () => send(ctx, { conversationId: conversation.id, content: { kind: "NOTE", body: "" } }),
    "BAD_REQUEST",
    "Write a message: it is empty.",
  );
  await prisma.channel.update({ where: { id: whatsapp.id }, data: { enabled: false } });
  await expectRefused(
    () => send(ctx, { conversationId: conversation.id, content: { kind: "TEXT", body: "Hi" } }),
    "PRECONDITION_FAILED",
    "The channel “Sales WhatsApp” is turned off, so nothing can be sent on it. Turn it on in the channel settings first.",
  );
});

test("another organization's conversation, contact, channel or template is not found, and nothing is written", async () => {
  const a = await world();
  const b = await world();
  await prisma.conversation.update({ where: { id: b.conversation.id }, data: { lastInboundAt: new Date() } });
  const templateB = await createMessageTemplate(prisma, { organizationId: b.organization.id });
  const text = { kind: "TEXT" as const, body: "Peeking" };
  await expectRefused(() => send(a.ctx, { conversationId: b.conversation.id, content: text }), "NOT_FOUND", "Conversation not found.");
  await expectRefused(() => send(a.ctx, { conversationId: b.conversation.id, content: { kind: "NOTE", body: "x" } }), "NOT_FOUND", "Conversation not found.");
  await expectRefused(() => send(a.ctx, { contactId: b.contact.id, channelId: a.whatsapp.id, content: text }), "NOT_FOUND", "Contact not found.");
  await expectRefused(() => send(a.ctx, { contactId: a.contact.id, channelId: b.whatsapp.id, content: text }), "NOT_FOUND", "Channel not found.");
  await expectRefused(
    () => send(a.ctx, { conversationId: a.conversation.id, content: { kind: "TEMPLATE", templateId: templateB.id, variables: { firstName: "x", productName: "y" } } }),
    "NOT_FOUND",
    "Template not found.",
  );
  expect(await prisma.message.count({ where: { organizationId: b.organization.id } })).toBe(0);
});
