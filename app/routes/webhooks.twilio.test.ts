// POST /webhooks/twilio/:channelId/inbound and …/status through the real route handlers, then their
// jobs, against a real database.
import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { signSandboxTwilioWebhook } from "~/providers/messaging/sandbox.server";
import { signTwilioRequest } from "~/providers/messaging/twilio-signature.server";
import { sealChannelCredentials } from "~/models/channel.server";
import { applyPendingStatuses } from "~/services/conversation/apply-twilio-status.server";
import { MESSAGE_STATUS_RANK, type MessageStatus } from "~/domain/conversation/message-status";
import { runQueuedJobs } from "~/testing/run-queued-jobs";
import { createContact, createOrganization, indianMobile } from "../../prisma/factories";
import { createChannel, createConversation, createMessage } from "../../prisma/factories-conversations";
import { action as inboundAction } from "./webhooks.twilio.$channelId.inbound";
import { action as statusAction } from "./webhooks.twilio.$channelId.status";

const BASE = "http://localhost:3000";
/** Where Twilio believes it posted: APP_URL when set (the public address), else the request's own. */
const PUBLIC_BASE = (process.env.APP_URL ?? BASE).replace(/\/$/, "");

type Kind = "inbound" | "status";
const sid = () => `SM${randomBytes(16).toString("hex")}`;
const randomMobile = () => indianMobile(Math.floor(Math.random() * 1e9));

type PostOptions = { signature?: string | null; token?: string; signedUrl?: string; body?: BodyInit; headers?: Record<string, string> };

function webhookRequest(kind: Kind, channelId: string, params: Record<string, string>, options: PostOptions = {}): Request {
  const path = `/webhooks/twilio/${channelId}/${kind}`;
  const signedUrl = options.signedUrl ?? `${PUBLIC_BASE}${path}`;
  const signature =
    options.signature === undefined
      ? options.token
        ? signTwilioRequest(options.token, signedUrl, params)
        : signSandboxTwilioWebhook(signedUrl, params)
      : options.signature;
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded", ...options.headers };
  if (signature !== null) headers["X-Twilio-Signature"] = signature;
  return new Request(`${BASE}${path}`, { method: "POST", headers, body: options.body ?? new URLSearchParams(params).toString() });
}

async function post(kind: Kind, channelId: string, params: Record<string, string>, options: PostOptions = {}): Promise<Response> {
  const action = kind === "inbound" ? inboundAction : statusAction;
  return (await action({ request: webhookRequest(kind, channelId, params, options), params: { channelId }, context: {} })) as Response;
}

function inboundParams(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    MessageSid: sid(),
    AccountSid: `AC${randomBytes(16).toString("hex")}`,
    From: `whatsapp:${randomMobile()}`,
    To: "whatsapp:+14155238886",
    Body: "Hi, is the course still on?",
    NumMedia: "0",
    ProfileName: "Ravi Kumar",
    ...overrides,
  };
}

async function rowCounts() {
  const [jobs] = await prisma.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM graphile_worker._private_jobs`;
  return {
    webhookEvents: await prisma.webhookEvent.count(),
    messages: await prisma.message.count(),
    conversations: await prisma.conversation.count(),
    contacts: await prisma.contact.count(),
    jobs: jobs!.n,
  };
}

async function world(kind: "WHATSAPP" | "SMS" = "WHATSAPP") {
  const { organization } = await createOrganization(prisma);
  const channel = await createChannel(prisma, { organizationId: organization.id, kind });
  return { organizationId: organization.id, channel };
}

describe("inbound webhook", () => {
  test("a signed message is stored, enqueued and answered with empty TwiML; its job makes the contact, conversation and message", async () => {
    const { organizationId, channel } = await world();
    const params = inboundParams({ ProfileName: "Ravi Kumar" });
    const response = await post("inbound", channel.id, params);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toContain("text/xml");
    expect(await response.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');

    const event = await prisma.webhookEvent.findFirstOrThrow({ where: { channelId: channel.id } });
    expect(event).toMatchObject({ provider: "twilio", kind: "inbound", dedupeKey: `${channel.id}:${params.MessageSid}`, organizationId, processedAt: null });
    expect(event.payload).toMatchObject(params);
    const jobs = await prisma.$queryRaw<Array<{ key: string }>>`SELECT key FROM graphile_worker.jobs WHERE task_identifier = 'messages_receive'`;
    expect(jobs.map((job) => job.key)).toContain(`messages_receive:${event.id}`);
    expect(await prisma.message.count({ where: { channelId: channel.id } })).toBe(0);

    await runQueuedJobs(["messages_receive"]);
    const message = await prisma.message.findFirstOrThrow({ where: { channelId: channel.id } });
    expect(message).toMatchObject({ providerMessageId: params.MessageSid, body: params.Body, direction: "INBOUND", status: "RECEIVED" });
    const contact = await prisma.contact.findUniqueOrThrow({ where: { id: message.contactId } });
    expect(contact).toMatchObject({ organizationId, name: "Ravi Kumar", phone: params.From!.replace("whatsapp:", ""), source: "WHATSAPP" });
    expect((await prisma.webhookEvent.findUniqueOrThrow({ where: { id: event.id } })).processedAt).not.toBeNull();
  });

  test("media and a shared location become the message's attachments", async () => {
    const { channel } = await world();
    await post("inbound", channel.id, inboundParams({ Body: "", NumMedia: "2", MediaUrl0: "https://api.twilio.com/m/0", MediaContentType0: "image/jpeg", MediaUrl1: "https://api.twilio.com/m/1", MediaContentType1: "application/pdf" }));
    await post("inbound", channel.id, inboundParams({ Body: "", Latitude: "19.0760", Longitude: "72.8777", Label: "Office" }));
    await runQueuedJobs(["messages_receive"]);
    const messages = await prisma.message.findMany({ where: { channelId: channel.id }, orderBy: { createdAt: "asc" } });
    expect(messages.map((m) => m.media)).toEqual(
      expect.arrayContaining([
        [
          { type: "image", url: "https://api.twilio.com/m/0", contentType: "image/jpeg" },
          { type: "document", url: "https://api.twilio.com/m/1", contentType: "application/pdf" },
        ],
        [{ type: "location", latitude: 19.076, longitude: 72.8777, name: "Office" }],
      ]),
    );
  });

  test.each([
    ["no signature", { signature: null }],
    ["a made-up signature", { signature: "bm90IGEgc2lnbmF0dXJl" }],
    ["another auth token", { token: "someone-elses-token" }],
    ["another URL", { signedUrl: "https://attacker.example.com/webhooks/twilio/x/inbound" }],
  ] as const)("%s → 403 and nothing written", async (_name, options) => {
    const { channel } = await world();
    const before = await rowCounts();
    for (const kind of ["inbound", "status"] as const) {
      const params = kind === "inbound" ? inboundParams() : { MessageSid: sid(), MessageStatus: "delivered" };
      const response = await post(kind, channel.id, params, options);
      expect(response.status).toBe(403);
    }
    expect(await rowCounts()).toEqual(before);
  });

  test("fields changed after signing → 403 and nothing written", async () => {
    const { channel } = await world();
    const params = inboundParams();
    const signature = signSandboxTwilioWebhook(`${PUBLIC_BASE}/webhooks/twilio/${channel.id}/inbound`, params);
    const before = await rowCounts();
    const response = await post("inbound", channel.id, { ...params, Body: "Send ₹1 lakh to this account" }, { signature });
    expect(response.status).toBe(403);
    expect(await rowCounts()).toEqual(before);
  });

  test("a Twilio channel verifies with its own auth token, not the sandbox's", async () => {
    const { organizationId } = await world();
    const channel = await createChannel(prisma, { organizationId, provider: "TWILIO" });
    const authToken = randomBytes(16).toString("hex");
    await prisma.channel.update({ where: { id: channel.id }, data: { secrets: sealChannelCredentials(channel.id, { accountSid: `AC${randomBytes(16).toString("hex")}`, authToken }) } });
    expect((await post("inbound", channel.id, inboundParams())).status).toBe(403);
    expect((await post("inbound", channel.id, inboundParams(), { token: authToken })).status).toBe(200);

    const withoutToken = await createChannel(prisma, { organizationId, provider: "TWILIO" });
    expect((await post("inbound", withoutToken.id, inboundParams(), { token: authToken })).status).toBe(403);
  });

  test.each([
    ["MessageSid missing", { MessageSid: undefined }, "MessageSid is required"],
    ["MessageSid not a SID", { MessageSid: "12345" }, "MessageSid must be a Twilio message SID"],
    ["From missing", { From: undefined }, "From is required"],
    ["NumMedia not a number", { NumMedia: "lots" }, "NumMedia must be a number"],
  ])("signed but malformed (%s) → 400 and nothing written", async (_name, change, message) => {
    const { channel } = await world();
    const params = Object.fromEntries(Object.entries({ ...inboundParams(), ...change }).filter(([, value]) => value !== undefined)) as Record<string, string>;
    const before = await rowCounts();
    const response = await post("inbound", channel.id, params);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(message);
    expect(await rowCounts()).toEqual(before);
  });

  test("a status without MessageStatus → 400 and nothing written", async () => {
    const { channel } = await world();
    const before = await rowCounts();
    const response = await post("status", channel.id, { MessageSid: sid() });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("MessageStatus is required");
    expect(await rowCounts()).toEqual(before);
  });

  test("a body over 1 MB → 413 and nothing written, whether declared or only streamed", async () => {
    const { channel } = await world();
    const params = inboundParams({ Body: "x".repeat(1024 * 1024 + 10) });
    const before = await rowCounts();
    expect((await post("inbound", channel.id, params)).status).toBe(413);
    const encoded = new TextEncoder().encode(new URLSearchParams(params).toString());
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let offset = 0; offset < encoded.length; offset += 64 * 1024) controller.enqueue(encoded.slice(offset, offset + 64 * 1024));
        controller.close();
      },
    });
    const request = new Request(`${BASE}/webhooks/twilio/${channel.id}/inbound`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": "x" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(request.headers.get("Content-Length")).toBeNull();
    const streamed = (await inboundAction({ request, params: { channelId: channel.id }, context: {} })) as Response;
    expect(streamed.status).toBe(413);
    expect(await rowCounts()).toEqual(before);
  });

  test("an unknown channel, a malformed id or an email channel → 404 and nothing written", async () => {
    const { organizationId } = await world();
    const email = await createChannel(prisma, { organizationId, kind: "EMAIL" });
    const before = await rowCounts();
    for (const channelId of [randomUUID(), "not-a-channel", email.id]) {
      expect((await post("inbound", channelId, inboundParams())).status).toBe(404);
      expect((await post("status", channelId, { MessageSid: sid(), MessageStatus: "sent" })).status).toBe(404);
    }
    expect(await rowCounts()).toEqual(before);
  });

  test("posts arriving together for several channels each find their own: a disabled one is refused, an id in capitals is found", async () => {
    const { organizationId, channel } = await world();
    const sms = await createChannel(prisma, { organizationId, kind: "SMS" });
    const disabled = await createChannel(prisma, { organizationId, kind: "WHATSAPP" });
    await prisma.channel.update({ where: { id: disabled.id }, data: { enabled: false } });
    const posts = [
      ...Array.from({ length: 4 }, () => ({ channelId: channel.id, params: inboundParams() })),
      ...Array.from({ length: 3 }, () => ({ channelId: sms.id.toUpperCase(), params: inboundParams({ From: randomMobile(), To: "+15005550006" }) })),
      ...Array.from({ length: 2 }, () => ({ channelId: disabled.id, params: inboundParams() })),
    ];
    const answers = await Promise.all(posts.map(({ channelId, params }) => post("inbound", channelId, params)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 200, 200, 404, 404]);
    const stored = await prisma.webhookEvent.findMany({ where: { organizationId }, select: { channelId: true, dedupeKey: true } });
    expect(stored.filter((event) => event.channelId === channel.id)).toHaveLength(4);
    expect(stored.filter((event) => event.channelId === sms.id)).toHaveLength(3);
    expect(stored.filter((event) => event.channelId === disabled.id)).toHaveLength(0);
    expect(stored).toHaveLength(7);
  });

  test("the same message delivered 10 times at once → one event, one job, one message, one conversation, one contact", async () => {
    const { organizationId, channel } = await world();
    const params = inboundParams();
    const answers = await Promise.all(Array.from({ length: 10 }, () => post("inbound", channel.id, params)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(200));
    expect(await prisma.webhookEvent.count({ where: { channelId: channel.id } })).toBe(1);
    const event = await prisma.webhookEvent.findFirstOrThrow({ where: { channelId: channel.id } });
    const [queued] = await prisma.$queryRaw<Array<{ n: number }>>`
      SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'messages_receive' AND key = ${`messages_receive:${event.id}`}`;
    expect(queued!.n).toBe(1);

    // The job run ten times at once too (a retry racing a slow first attempt).
    const { default: messagesReceive } = await import("../../jobs/tasks/messages_receive");
    const helpers = { logger: { debug: () => {} }, job: { id: "1", attempts: 1 } } as never;
    await Promise.all(Array.from({ length: 10 }, () => messagesReceive({ webhookEventId: event.id }, helpers)));
    await runQueuedJobs(["messages_receive"]);
    expect(await prisma.message.count({ where: { channelId: channel.id } })).toBe(1);
    expect(await prisma.conversation.count({ where: { channelId: channel.id } })).toBe(1);
    expect(await prisma.contact.count({ where: { organizationId } })).toBe(1);
    const conversation = await prisma.conversation.findFirstOrThrow({ where: { channelId: channel.id } });
    expect(conversation.unreadCount).toBe(1);
  });

  test("ten different messages from one new sender at once → one contact, one conversation, ten messages", async () => {
    const { organizationId, channel } = await world();
    const from = `whatsapp:${randomMobile()}`;
    await Promise.all(Array.from({ length: 10 }, () => post("inbound", channel.id, inboundParams({ From: from }))));
    await runQueuedJobs(["messages_receive"], { concurrency: 10 });
    expect(await prisma.contact.count({ where: { organizationId } })).toBe(1);
    expect(await prisma.conversation.count({ where: { channelId: channel.id } })).toBe(1);
    expect(await prisma.message.count({ where: { channelId: channel.id } })).toBe(10);
    expect((await prisma.conversation.findFirstOrThrow({ where: { channelId: channel.id } })).unreadCount).toBe(10);
  });

  test("a resolved conversation reopens when the customer writes; STOP opts them out of WhatsApp", async () => {
    const { organizationId, channel } = await world();
    const contact = await createContact(prisma, { organizationId });
    const conversation = await createConversation(prisma, { organizationId, contactId: contact.id, channelId: channel.id, lastMessageAt: new Date("2026-12-01T00:00:00Z") });
    await prisma.conversation.update({ where: { id: conversation.id }, data: { status: "RESOLVED" } });
    await post("inbound", channel.id, inboundParams({ From: `whatsapp:${contact.phone}`, Body: "STOP" }));
    await runQueuedJobs(["messages_receive"]);
    expect((await prisma.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).status).toBe("OPEN");
    const consent = await prisma.contactConsent.findUniqueOrThrow({ where: { organizationId_contactId_channel: { organizationId, contactId: contact.id, channel: "WHATSAPP" } } });
    expect(consent).toMatchObject({ status: "OPTED_OUT", source: "WhatsApp" });
  });

  test("a sender that is no phone number is marked processed with the reason, and nothing else is written", async () => {
    const { channel } = await world();
    await post("inbound", channel.id, inboundParams({ From: "whatsapp:not-a-number" }));
    const before = await rowCounts();
    await runQueuedJobs(["messages_receive"]);
    const event = await prisma.webhookEvent.findFirstOrThrow({ where: { channelId: channel.id } });
    expect(event.processedAt).not.toBeNull();
    expect(event.error).toContain("is not a phone number");
    expect(await rowCounts()).toEqual({ ...before, jobs: before.jobs - 1 });
  });

  test("org A's channel naming a SID of org B's message changes nothing of B's", async () => {
    const a = await world();
    const b = await world();
    const contactB = await createContact(prisma, { organizationId: b.organizationId });
    const conversationB = await createConversation(prisma, { organizationId: b.organizationId, contactId: contactB.id, channelId: b.channel.id });
    const theirSid = sid();
    const messageB = await createMessage(prisma, conversationB, { providerMessageId: theirSid, status: "SENT" });
    const beforeB = await prisma.message.findUniqueOrThrow({ where: { id: messageB.id } });

    await post("status", a.channel.id, { MessageSid: theirSid, MessageStatus: "failed", ErrorCode: "30008" });
    await post("status", a.channel.id, { MessageSid: theirSid, MessageStatus: "read" });
    await post("inbound", a.channel.id, inboundParams({ MessageSid: theirSid }));
    await runQueuedJobs(["messages_receive", "messages_status"]);

    expect(await prisma.message.findUniqueOrThrow({ where: { id: messageB.id } })).toEqual(beforeB);
    expect(await prisma.conversation.findUniqueOrThrow({ where: { id: conversationB.id } })).toEqual(conversationB);
    expect(await prisma.message.count({ where: { organizationId: b.organizationId } })).toBe(1);
    expect(await prisma.message.count({ where: { organizationId: a.organizationId, providerMessageId: theirSid } })).toBe(1);
    expect(await prisma.pendingMessageStatus.count({ where: { organizationId: b.organizationId } })).toBe(0);
  });
});

describe("status webhook", () => {
  test("a failure keeps Twilio's error; a report after it changes nothing; a rerun changes nothing", async () => {
    const { organizationId, channel } = await world();
    const contact = await createContact(prisma, { organizationId });
    const conversation = await createConversation(prisma, { organizationId, contactId: contact.id, channelId: channel.id });
    const messageSid = sid();
    const message = await createMessage(prisma, conversation, { providerMessageId: messageSid, status: "SENT" });
    expect((await post("status", channel.id, { MessageSid: messageSid, MessageStatus: "undelivered", ErrorCode: "30003", ErrorMessage: "Unreachable destination handset" })).status).toBe(204);
    await post("status", channel.id, { MessageSid: messageSid, MessageStatus: "delivered" });
    await runQueuedJobs(["messages_status"]);
    const after = await prisma.message.findUniqueOrThrow({ where: { id: message.id } });
    expect(after).toMatchObject({ status: "UNDELIVERED", errorCode: "30003", errorMessage: "Unreachable destination handset" });
    expect(after.failedAt).not.toBeNull();

    const { default: messagesStatus } = await import("../../jobs/tasks/messages_status");
    const events = await prisma.webhookEvent.findMany({ where: { channelId: channel.id } });
    for (const event of events) await messagesStatus({ webhookEventId: event.id }, { logger: { debug: () => {} } } as never);
    expect(await prisma.message.findUniqueOrThrow({ where: { id: message.id } })).toEqual(after);
  });

  test("1,000 callbacks for 200 messages, shuffled and duplicated, some before the SID: each ends at its furthest status, never moving back", async () => {
    const { organizationId, channel } = await world();
    const contact = await createContact(prisma, { organizationId });
    const conversation = await createConversation(prisma, { organizationId, contactId: contact.id, channelId: channel.id });
    const PATHS: Record<string, string[]> = {
      SENT: ["queued", "sending", "sent"],
      DELIVERED: ["queued", "sent", "delivered"],
      READ: ["queued", "sending", "sent", "delivered", "read"],
      FAILED: ["queued", "failed"],
      UNDELIVERED: ["queued", "sent", "undelivered"],
    };
    const furthest = Object.keys(PATHS);
    const messages: Array<{ id: string; sid: string; furthest: MessageStatus; withSid: boolean }> = [];
    for (let index = 0; index < 200; index += 1) {
      const messageSid = sid();
      const withSid = index % 5 !== 0; // every fifth gets its SID only later
      const row = await createMessage(prisma, conversation, { providerMessageId: withSid ? messageSid : null, status: "QUEUED" });
      messages.push({ id: row.id, sid: messageSid, furthest: furthest[index % furthest.length] as MessageStatus, withSid });
    }
    const callbacks = messages.flatMap((message) => PATHS[message.furthest]!.map((status) => ({ MessageSid: message.sid, MessageStatus: status })));
    while (callbacks.length < 1000) callbacks.push(callbacks[Math.floor(Math.random() * callbacks.length)]!);
    for (let i = callbacks.length - 1; i > 0; i -= 1) {
      const j = Math.floor(Math.random() * (i + 1));
      [callbacks[i], callbacks[j]] = [callbacks[j]!, callbacks[i]!];
    }

    const rankOf = async () =>
      new Map((await prisma.message.findMany({ where: { conversationId: conversation.id }, select: { id: true, status: true } })).map((m) => [m.id, MESSAGE_STATUS_RANK[m.status]]));
    let previous = await rankOf();
    const BATCH = 100;
    for (let batch = 0; batch * BATCH < callbacks.length; batch += 1) {
      const slice = callbacks.slice(batch * BATCH, (batch + 1) * BATCH);
      const answers = await Promise.all(slice.map((params) => post("status", channel.id, params)));
      expect(answers.every((answer) => answer.status === 204)).toBe(true);
      await runQueuedJobs(["messages_status"], { concurrency: 4 });
      if (batch === 4) {
        // Halfway, the messages still without a SID get theirs (as the send job stores it) and take what waited.
        for (const message of messages.filter((m) => !m.withSid)) {
          await prisma.message.update({ where: { id: message.id }, data: { providerMessageId: message.sid } });
          await applyPendingStatuses(prisma, { organizationId, channelId: channel.id, providerMessageId: message.sid });
        }
      }
      const current = await rankOf();
      for (const [id, rank] of current) expect(rank).toBeGreaterThanOrEqual(previous.get(id)!);
      previous = current;
    }
    const final = await prisma.message.findMany({ where: { conversationId: conversation.id }, select: { id: true, status: true } });
    const statusOf = new Map(final.map((m) => [m.id, m.status]));
    for (const message of messages) expect([message.id, statusOf.get(message.id)]).toEqual([message.id, message.furthest]);
    expect(await prisma.pendingMessageStatus.count({ where: { channelId: channel.id } })).toBe(0);
    expect(await prisma.webhookEvent.count({ where: { channelId: channel.id, processedAt: null } })).toBe(0);
  });
});
