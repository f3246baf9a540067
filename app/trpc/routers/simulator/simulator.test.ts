// The phone simulator through its procedures: a simulated message is stored and processed exactly
// like a webhook's, tenancy, bad input, media, email, and the customer's view of the conversation.
import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { expectTRPCError } from "~/testing/caller";
import { toActionFailure } from "~/trpc/caller.server";
import { runQueuedJobs } from "~/testing/run-queued-jobs";
import { contactWorld } from "~/trpc/routers/contact/contact-test-world";
import { signSandboxTwilioWebhook } from "~/providers/messaging/sandbox.server";
import { createContact, indianMobile } from "../../../../prisma/factories";
import { createChannel, createConversation, createMessage } from "../../../../prisma/factories-conversations";
import { action as inboundAction } from "../../../routes/webhooks.twilio.$channelId.inbound";

const BASE = "http://localhost:3000";
const PUBLIC_BASE = (process.env.APP_URL ?? BASE).replace(/\/$/, "");
const randomMobile = () => indianMobile(Math.floor(Math.random() * 1e9));

async function world() {
  const w = await contactWorld();
  const channel = await createChannel(prisma, { organizationId: w.organizationId, kind: "WHATSAPP", provider: "SANDBOX", name: "Demo WhatsApp" });
  // The new conversations stay unassigned (no round-robin), so the viewer may see them.
  await prisma.organization.update({ where: { id: w.organizationId }, data: { autoAssignConversations: false } });
  return { ...w, channel };
}

async function inboxCounts(organizationId?: string) {
  const [jobs] = await prisma.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM graphile_worker._private_jobs`;
  const where = organizationId ? { organizationId } : {};
  return {
    events: await prisma.webhookEvent.count({ where }),
    messages: await prisma.message.count({ where }),
    contacts: await prisma.contact.count({ where }),
    jobs: jobs!.n,
  };
}

const jobsOf = (task: string) =>
  prisma.$queryRaw<Array<{ key: string | null; payload: unknown }>>`
    SELECT j.key, j.payload FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id WHERE t.identifier = ${task}`;

/** Everything but the ids and times, to compare a simulated message with a webhook's. */
function shapeOf(row: Record<string, unknown>) {
  const ignored = new Set(["id", "organizationId", "conversationId", "contactId", "channelId", "providerMessageId", "createdAt", "updatedAt", "sentAt", "receivedAt", "processedAt", "lastActivityAt", "dedupeKey", "payload", "phone", "name"]);
  return Object.fromEntries(Object.entries(row).filter(([key]) => !ignored.has(key)));
}

describe("phone simulator", () => {
  test("a simulated WhatsApp message is the same webhook event and job as Twilio's post, then the same message, conversation and contact", async () => {
    const w = await world();
    const member = await w.as(w.viewer);
    const simulatedPhone = randomMobile();
    const sent = await member.simulator.send({ channelId: w.channel.id, phone: simulatedPhone.replace("+91", "0"), profileName: "Meera Iyer", body: "Is the Sensex course on?" });
    expect(sent).toMatchObject({ channelId: w.channel.id, customer: { phone: simulatedPhone }, stored: true });
    expect(sent.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);

    const event = await prisma.webhookEvent.findFirstOrThrow({ where: { organizationId: w.organizationId } });
    expect(event).toMatchObject({ provider: "twilio", kind: "inbound", channelId: w.channel.id, dedupeKey: `${w.channel.id}:${sent.providerMessageId}`, processedAt: null });
    expect(event.payload).toMatchObject({
      MessageSid: sent.providerMessageId,
      From: `whatsapp:${simulatedPhone}`,
      To: `whatsapp:${w.channel.address}`,
      Body: "Is the Sensex course on?",
      ProfileName: "Meera Iyer",
      NumMedia: "0",
    });
    expect(await jobsOf("messages_receive")).toEqual([{ key: `messages_receive:${event.id}`, payload: { webhookEventId: event.id } }]);

    // The same fields posted by "Twilio" to the webhook route, from another number.
    const webhookPhone = randomMobile();
    const fields = { ...(event.payload as Record<string, string>), MessageSid: `SM${"0".repeat(31)}1`, From: `whatsapp:${webhookPhone}`, WaId: webhookPhone.slice(1) };
    const path = `/webhooks/twilio/${w.channel.id}/inbound`;
    const response = (await inboundAction({
      request: new Request(`${BASE}${path}`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signSandboxTwilioWebhook(`${PUBLIC_BASE}${path}`, fields) },
        body: new URLSearchParams(fields).toString(),
      }),
      params: { channelId: w.channel.id },
      context: {},
    })) as Response;
    expect(response.status).toBe(200);
    const events = await prisma.webhookEvent.findMany({ where: { organizationId: w.organizationId }, orderBy: { receivedAt: "asc" } });
    expect(events).toHaveLength(2);
    expect(shapeOf(events[1]!)).toEqual(shapeOf(events[0]!));
    expect(Object.keys(events[1]!.payload as object).sort()).toEqual(Object.keys(events[0]!.payload as object).sort());

    expect(await runQueuedJobs(["messages_receive"])).toBe(2);
    const contacts = await prisma.contact.findMany({ where: { organizationId: w.organizationId, phone: { in: [simulatedPhone, webhookPhone] } }, orderBy: { createdAt: "asc" } });
    expect(contacts.map((c) => [c.phone, c.name, c.source])).toEqual([
      [simulatedPhone, "Meera Iyer", "WHATSAPP"],
      [webhookPhone, "Meera Iyer", "WHATSAPP"],
    ]);
    const messages = await prisma.message.findMany({ where: { organizationId: w.organizationId }, orderBy: { createdAt: "asc" } });
    expect(messages.map((m) => m.providerMessageId)).toEqual([sent.providerMessageId, fields.MessageSid]);
    expect(shapeOf(messages[0]!)).toEqual(shapeOf(messages[1]!));
    expect(messages[0]).toMatchObject({ direction: "INBOUND", status: "RECEIVED", body: "Is the Sensex course on?", kind: "TEXT" });
    const conversations = await prisma.conversation.findMany({ where: { organizationId: w.organizationId }, orderBy: { createdAt: "asc" } });
    expect(conversations.map((c) => [c.unreadCount, c.lastMessagePreview, c.lastMessageDirection])).toEqual([
      [1, "Is the Sensex course on?", "INBOUND"],
      [1, "Is the Sensex course on?", "INBOUND"],
    ]);
    expect(await prisma.contactEvent.count({ where: { organizationId: w.organizationId, type: "MESSAGE_RECEIVED" } })).toBe(2);

    // The customer's view: the simulator finds them by the number and shows the thread.
    const view = await member.simulator.view({ channelId: w.channel.id, phone: simulatedPhone });
    expect(view.customer).toMatchObject({ contactId: contacts[0]!.id, name: "Meera Iyer", phone: simulatedPhone });
    expect(view.conversationId).toBe(conversations[0]!.id);
    expect(view.thread?.map((m) => [m.direction, m.body])).toEqual([["INBOUND", "Is the Sensex course on?"]]);
  });

  test("an existing contact writes with a sample photo or a location, as Twilio sends them", async () => {
    const w = await world();
    const contact = await createContact(prisma, { organizationId: w.organizationId, name: "Kabir Singh" });
    const member = await w.as(w.agent);
    await member.simulator.send({ channelId: w.channel.id, contactId: contact.id, body: "", sample: "image" });
    await member.simulator.send({ channelId: w.channel.id, contactId: contact.id, body: "Our office", sample: "location" });
    const payloads = (await prisma.webhookEvent.findMany({ where: { organizationId: w.organizationId }, orderBy: { receivedAt: "asc" } })).map((e) => e.payload);
    expect(payloads[0]).toMatchObject({ From: `whatsapp:${contact.phone}`, ProfileName: "Kabir Singh", NumMedia: "1", MediaContentType0: "image/png" });
    expect((payloads[0] as Record<string, string>).MediaUrl0).toMatch(/\/simulator\/sample-photo\.png$/);
    expect(payloads[1]).toMatchObject({ Latitude: "18.9291", Longitude: "72.8333", Label: "BSE, Dalal Street" });
    await runQueuedJobs(["messages_receive"]);
    const messages = await prisma.message.findMany({ where: { organizationId: w.organizationId, contactId: contact.id }, orderBy: { createdAt: "asc" } });
    expect(messages.map((m) => m.kind)).toEqual(["MEDIA", "TEXT"]);
    expect(messages[0]!.media).toMatchObject([{ type: "image", contentType: "image/png" }]);
    expect(messages[1]!.media).toMatchObject([{ type: "location", latitude: 18.9291, longitude: 72.8333 }]);
  });

  test("bad input is refused by field with nothing written: no text and no sample, a bad phone, neither contact nor phone", async () => {
    const w = await world();
    const member = await w.as(w.agent);
    const before = await inboxCounts();
    const fieldOf = async (call: Promise<unknown>, field: string) => toActionFailure(await expectTRPCError(call, "BAD_REQUEST")).fieldErrors[field];
    expect(await fieldOf(member.simulator.send({ channelId: w.channel.id, phone: randomMobile(), body: "   " }), "body")).toBe("Write a message or attach a sample");
    expect(await fieldOf(member.simulator.send({ channelId: w.channel.id, phone: "12345", body: "Hi" }), "phone")).toMatch(/country code/);
    // Passes the browser's small metadata, refused by the server's full one (no Hyderabad number continues with a 1).
    expect(await fieldOf(member.simulator.send({ channelId: w.channel.id, phone: "040 1234 5678", body: "Hi" }), "phone")).toMatch(/country code/);
    expect(await fieldOf(member.simulator.send({ channelId: w.channel.id, body: "Hi" }), "phone")).toMatch(/Choose a contact or enter/);
    expect(await fieldOf(member.simulator.send({ channelId: w.channel.id, phone: randomMobile(), body: "Hi", sample: "video" as "image" }), "sample")).toMatch(/Choose a sample/);

    const twilio = await createChannel(prisma, { organizationId: w.organizationId, kind: "SMS", provider: "TWILIO" });
    expect(await fieldOf(member.simulator.send({ channelId: twilio.id, phone: randomMobile(), body: "Hi" }), "channelId")).toMatch(/sandbox channels only/);
    await prisma.channel.update({ where: { id: w.channel.id }, data: { enabled: false } });
    expect(await fieldOf(member.simulator.send({ channelId: w.channel.id, phone: randomMobile(), body: "Hi" }), "channelId")).toMatch(/switched off/);
    expect(await inboxCounts()).toEqual(before);
  });

  test("another organization's channel or contact is not found, and nothing is written", async () => {
    const w = await world();
    const theirChannel = await createChannel(prisma, { organizationId: w.b.organization.id, kind: "WHATSAPP", provider: "SANDBOX" });
    const theirContact = await createContact(prisma, { organizationId: w.b.organization.id, name: "B's customer" });
    const theirConversation = await createConversation(prisma, { organizationId: w.b.organization.id, contactId: theirContact.id, channelId: theirChannel.id });
    await createMessage(prisma, theirConversation, { direction: "INBOUND", body: "B's secret message" });
    const member = await w.as(w.owner);
    const before = await inboxCounts();
    await expectTRPCError(member.simulator.send({ channelId: theirChannel.id, phone: randomMobile(), body: "Hi" }), "NOT_FOUND");
    await expectTRPCError(member.simulator.send({ channelId: w.channel.id, contactId: theirContact.id, body: "Hi" }), "NOT_FOUND");
    await expectTRPCError(member.simulator.view({ channelId: theirChannel.id }), "NOT_FOUND");
    await expectTRPCError(member.simulator.view({ channelId: w.channel.id, contactId: theirContact.id }), "NOT_FOUND");
    expect(await inboxCounts()).toEqual(before);
    const view = await member.simulator.view({});
    expect(view.channels.map((c) => c.id)).toEqual([w.channel.id]);
    expect(JSON.stringify(view)).not.toMatch(/B's customer|B's secret/);
    // Their phone is just a number here: no contact of theirs is shown.
    expect((await member.simulator.view({ channelId: w.channel.id, phone: theirContact.phone! })).customer).toMatchObject({ contactId: null, name: null });
  });

  test("an agent does not see the thread of a conversation assigned to a colleague", async () => {
    const w = await world();
    const contact = await createContact(prisma, { organizationId: w.organizationId });
    const conversation = await createConversation(prisma, { organizationId: w.organizationId, contactId: contact.id, channelId: w.channel.id, assigneeId: w.otherAgent.id });
    await createMessage(prisma, conversation, { direction: "INBOUND", body: "Only for Rohit" });
    const agentView = await (await w.as(w.agent)).simulator.view({ channelId: w.channel.id, contactId: contact.id });
    expect(agentView).toMatchObject({ conversationId: null, hidden: true, thread: null });
    const managerView = await (await w.as(w.manager)).simulator.view({ channelId: w.channel.id, contactId: contact.id });
    expect(managerView.thread?.map((m) => m.body)).toEqual(["Only for Rohit"]);
  });

  test("on an email channel the simulator posts a raw MIME message through the email inbox; the job files it with its subject", async () => {
    const w = await world();
    const admin = await w.as(w.admin);
    const { channel } = await admin.channel.create({ kind: "EMAIL", name: "Sales inbox", address: "sales@example.com" });
    expect(channel.provider).toBe("SANDBOX");
    const sent = await admin.simulator.send({ channelId: channel.id, email: "Ananya@Example.com", profileName: "Ananya Rao", subject: "Course fees", body: "What are the fees?", sample: "document" });
    expect(sent).toMatchObject({ customer: { email: "ananya@example.com" }, stored: true });
    const event = await prisma.webhookEvent.findFirstOrThrow({ where: { organizationId: w.organizationId, provider: "email" } });
    expect(event).toMatchObject({ kind: "inbound", dedupeKey: `${channel.id}:${sent.providerMessageId}` });
    expect(await runQueuedJobs(["messages_receive_email"])).toBe(1);
    const message = await prisma.message.findFirstOrThrow({ where: { organizationId: w.organizationId, channelId: channel.id } });
    expect(message).toMatchObject({ direction: "INBOUND", subject: "Course fees", body: "What are the fees?", providerMessageId: sent.providerMessageId });
    expect(message.media).toMatchObject([{ name: "sample-document.pdf", contentType: "application/pdf" }]);
    expect(await prisma.contact.findFirstOrThrow({ where: { id: message.contactId } })).toMatchObject({ email: "ananya@example.com", name: "Ananya Rao", source: "EMAIL" });
  });
});
