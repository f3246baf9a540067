// The send job: one queued message, sent once, through the provider its channel names.
import type { AddressInfo } from "node:net";
import type { JobHelpers } from "graphile-worker";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, expect, test } from "vitest";
import { ZodError } from "zod";
import { prisma } from "~/utils/db.server";
import { sealChannelCredentials } from "~/models/channel.server";
import { basicAuth, startFakeApiServer, type FakeApiServer, type FakeResponse } from "~/providers/testing/fake-api-server";
import { userActor, type CommandContext } from "~/services/command.server";
import { deliverMessage, INTERRUPTED_SEND_WORDS } from "~/services/conversation/deliver-message.server";
import { sendMessage } from "~/services/conversation/send-message.server";
import type { PrismaClient } from "~/generated/prisma/client";
import { pendingWakeCount } from "~/services/job-wake.server";
import { createContact, createOrganization } from "../../prisma/factories";
import { createChannel, createConversation, createMessageTemplate } from "../../prisma/factories-conversations";
import messagesSandboxStatus from "./messages_sandbox_status";
import messagesSend from "./messages_send";

const ACCOUNT_SID = `AC${"7".repeat(32)}`;
const AUTH_TOKEN = "channel-own-auth-token";
let twilioApi: FakeApiServer;
let twilioAnswer: (form: URLSearchParams) => FakeResponse;
let smtp: SMTPServer;
let smtpPort: number;
const mails: Array<{ to: string[]; raw: string }> = [];

const logger = { debug() {}, info() {}, warn() {}, error() {}, scope: () => logger };
const helpers = (attempts = 1, maxAttempts = 10) => ({ logger, job: { id: "1", attempts, max_attempts: maxAttempts } }) as unknown as JobHelpers;

beforeAll(async () => {
  twilioApi = await startFakeApiServer((request) => twilioAnswer(request.form));
  // Read when the first Twilio channel's sender is built.
  process.env.TWILIO_API_BASE_URL = twilioApi.url;
  smtp = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    authOptional: true,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await twilioApi.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const twilioCreated = (sid: string): FakeResponse => ({ status: 201, body: { account_sid: ACCOUNT_SID, sid, status: "queued", error_code: null, error_message: null } });
const twilioError = (status: number, code: number, message: string): FakeResponse => ({ status, body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status } });

async function world(options: { kind?: "WHATSAPP" | "SMS" | "EMAIL"; provider?: "SANDBOX" | "TWILIO" | "SMTP"; phone?: string; ratePerSecond?: number } = {}) {
  const { organization, owner } = await createOrganization(prisma);
  const contact = await createContact(prisma, { organizationId: organization.id, name: "Priya Shah", phone: options.phone, email: `priya-${Math.random().toString(36).slice(2, 8)}@example.com` });
  let channel = await createChannel(prisma, { organizationId: organization.id, kind: options.kind ?? "WHATSAPP", provider: options.provider, address: options.kind === "EMAIL" ? "sales@acme.test" : "+14155238886" });
  if (options.provider === "TWILIO") {
    channel = await prisma.channel.update({ where: { id: channel.id }, data: { secrets: sealChannelCredentials(channel.id, { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }) } });
  }
  if (options.kind === "EMAIL") {
    channel = await prisma.channel.update({ where: { id: channel.id }, data: { secrets: sealChannelCredentials(channel.id, { smtpUrl: `smtp://127.0.0.1:${smtpPort}` }) } });
  }
  channel = await prisma.channel.update({ where: { id: channel.id }, data: { ratePerSecond: options.ratePerSecond ?? 1000 } });
  const conversation = await createConversation(prisma, { organizationId: organization.id, contactId: contact.id, channelId: channel.id });
  await prisma.conversation.update({ where: { id: conversation.id }, data: { lastInboundAt: new Date() } });
  const ctx: CommandContext = { organizationId: organization.id, actor: userActor(owner.id) };
  const queue = (body = "Namaste Priya!") => prisma.$transaction((tx) => sendMessage(tx, ctx, { conversationId: conversation.id, content: { kind: "TEXT", body } }));
  return { organization, contact, channel, conversation, ctx, queue };
}

const run = (organizationId: string, messageId: string, attempts = 1, maxAttempts = 10) =>
  messagesSend({ organizationId, messageId }, helpers(attempts, maxAttempts));

const message = (id: string) => prisma.message.findUniqueOrThrow({ where: { id } });

async function sandboxStatusJobs(providerMessageId: string) {
  return prisma.$queryRaw<Array<{ payload: Record<string, unknown>; run_at: Date }>>`
    SELECT payload, run_at FROM graphile_worker._private_jobs WHERE key LIKE ${`messages_sandbox_status:${providerMessageId}:%`} ORDER BY run_at`;
}

test("a sandbox send is marked, recorded once, and moves sent → delivered → read through the status path", async () => {
  const { organization, contact, queue } = await world();
  const { messageId } = await queue();

  await run(organization.id, messageId);

  const sent = await message(messageId);
  expect(sent).toMatchObject({ status: "SENDING", providerMessageId: expect.stringMatching(/^SM[0-9a-f]{32}$/) });
  const outbox = await prisma.sandboxOutbox.findMany({ where: { organizationId: organization.id } });
  expect(outbox).toEqual([expect.objectContaining({ channel: "WHATSAPP", toAddress: contact.phone, body: "Namaste Priya!", externalId: sent.providerMessageId })]);

  const jobs = await sandboxStatusJobs(sent.providerMessageId!);
  expect(jobs.map((job) => job.payload.status)).toEqual(["SENT", "DELIVERED", "READ"]);
  // Each runs later (run_at) than the one before; applied, the message ends read with each stage's time.
  expect(jobs[0]!.run_at.getTime()).toBeLessThan(jobs[1]!.run_at.getTime());
  expect(jobs[1]!.run_at.getTime()).toBeLessThan(jobs[2]!.run_at.getTime());
  for (const job of jobs) await messagesSandboxStatus(job.payload, helpers());
  const read = await message(messageId);
  expect(read).toMatchObject({ status: "READ", sentAt: expect.any(Date), deliveredAt: expect.any(Date), readAt: expect.any(Date) });
  // Delivered again, late: nothing moves back.
  await messagesSandboxStatus(jobs[1]!.payload, helpers());
  expect(await message(messageId)).toMatchObject({ status: "READ" });

  // A second run of the send job (a retry, a duplicate) sends nothing more.
  await run(organization.id, messageId);
  expect(await prisma.sandboxOutbox.count({ where: { organizationId: organization.id } })).toBe(1);
});

test("a sandbox number ending in 0000 is reported undelivered with Twilio's 30006", async () => {
  const { organization, queue } = await world({ phone: "+919812340000" });
  const { messageId } = await queue();
  await run(organization.id, messageId);
  const { providerMessageId } = await message(messageId);
  const jobs = await sandboxStatusJobs(providerMessageId!);
  expect(jobs.map((job) => job.payload.status)).toEqual(["SENT", "UNDELIVERED"]);
  for (const job of jobs) await messagesSandboxStatus(job.payload, helpers());
  expect(await message(messageId)).toMatchObject({ status: "UNDELIVERED", errorCode: "30006", errorMessage: "Landline or unreachable carrier" });
});

test("a status that arrives before the send has stored its id is kept, then applied when the id is stored", async () => {
  const { organization, channel, queue } = await world({ provider: "TWILIO" });
  const sid = `SM${"c".repeat(32)}`;
  // Twilio's callback wins the race with our own store step.
  await messagesSandboxStatus({ organizationId: organization.id, channelId: channel.id, providerMessageId: sid, status: "DELIVERED", occurredAt: new Date().toISOString() }, helpers());
  expect(await prisma.pendingMessageStatus.count({ where: { channelId: channel.id, providerMessageId: sid } })).toBe(1);
  twilioAnswer = () => twilioCreated(sid);
  const { messageId } = await queue();
  await run(organization.id, messageId);
  expect(await message(messageId)).toMatchObject({ status: "DELIVERED", providerMessageId: sid, deliveredAt: expect.any(Date) });
  expect(await prisma.pendingMessageStatus.count({ where: { channelId: channel.id, providerMessageId: sid } })).toBe(0);
});

test("a crash between the provider's answer and the commit does not send twice: the retry marks it failed, in words", async () => {
  const { organization, queue } = await world();
  const { messageId } = await queue();
  // The process dies while storing what the provider answered: the transaction never commits.
  const dying = new Proxy(prisma, {
    get(target, property, receiver) {
      if (property === "$transaction") return () => Promise.reject(new Error("process died"));
      return Reflect.get(target, property, receiver);
    },
  }) as PrismaClient;
  await expect(deliverMessage(dying, { organizationId: organization.id, messageId }, { lastAttempt: false })).rejects.toThrow("process died");
  expect(await message(messageId)).toMatchObject({ status: "SENDING", providerMessageId: null });
  expect(await prisma.sandboxOutbox.count({ where: { organizationId: organization.id } })).toBe(1);

  await run(organization.id, messageId);

  expect(await message(messageId)).toMatchObject({ status: "FAILED", errorCode: "INTERRUPTED", errorMessage: INTERRUPTED_SEND_WORDS });
  expect(await prisma.sandboxOutbox.count({ where: { organizationId: organization.id } })).toBe(1);
});

test("a Twilio channel sends with its own account: request shape and Basic auth with the channel's SID and token", async () => {
  const { organization, contact, channel, queue } = await world({ provider: "TWILIO" });
  twilioAnswer = () => twilioCreated(`SM${"a".repeat(32)}`);
  twilioApi.requests.length = 0;
  const { messageId } = await queue("Demo link: https://acme.test/demo");

  await run(organization.id, messageId);

  expect(twilioApi.requests).toHaveLength(1);
  const [request] = twilioApi.requests;
  expect(request!.path).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
  expect(basicAuth(request!.headers.authorization)).toEqual({ user: ACCOUNT_SID, password: AUTH_TOKEN });
  expect(Object.fromEntries(request!.form)).toEqual({
    From: "whatsapp:+14155238886",
    To: `whatsapp:${contact.phone}`,
    Body: "Demo link: https://acme.test/demo",
    StatusCallback: expect.stringMatching(new RegExp(`/webhooks/twilio/${channel.id}/status$`)),
  });
  expect(await message(messageId)).toMatchObject({ status: "SENDING", providerMessageId: `SM${"a".repeat(32)}` });
  // No sandbox reports for a real send.
  expect(await sandboxStatusJobs(`SM${"a".repeat(32)}`)).toEqual([]);
});

test("a WhatsApp template goes through Twilio's Content API with its variables numbered", async () => {
  const { organization, conversation, ctx } = await world({ provider: "TWILIO" });
  const template = await createMessageTemplate(prisma, { organizationId: organization.id, body: "Hi {{firstName}}, {{productName}} for {{firstName}}" });
  twilioAnswer = () => twilioCreated(`SM${"b".repeat(32)}`);
  twilioApi.requests.length = 0;
  const { messageId } = await prisma.$transaction((tx) =>
    sendMessage(tx, ctx, { conversationId: conversation.id, content: { kind: "TEMPLATE", templateId: template.id, variables: { firstName: "Priya", productName: "Nifty Pro" } } }),
  );
  await run(organization.id, messageId);
  expect(Object.fromEntries(twilioApi.requests[0]!.form)).toMatchObject({
    ContentSid: template.contentSid,
    ContentVariables: JSON.stringify({ "1": "Priya", "2": "Nifty Pro" }),
  });
});

test("Twilio 21610 fails the message in words and records the opt-out on that channel, with a timeline event", async () => {
  const { organization, contact, queue } = await world({ provider: "TWILIO" });
  twilioAnswer = () => twilioError(400, 21610, "Attempt to send to unsubscribed recipient");
  const { messageId } = await queue();
  await run(organization.id, messageId);
  expect(await message(messageId)).toMatchObject({
    status: "FAILED",
    errorCode: "21610",
    errorMessage: "The recipient has unsubscribed (replied STOP); Twilio blocks messages to this number.",
  });
  expect(await prisma.contactConsent.findMany({ where: { contactId: contact.id } })).toEqual([
    expect.objectContaining({ channel: "WHATSAPP", status: "OPTED_OUT", source: "Twilio" }),
  ]);
  const events = await prisma.contactEvent.findMany({ where: { contactId: contact.id, type: "CONSENT_CHANGED" } });
  expect(events).toEqual([expect.objectContaining({ data: expect.objectContaining({ channel: "WHATSAPP", after: "OPTED_OUT" }) })]);
});

test("Twilio 21211 (invalid number) fails the message in words, without a retry", async () => {
  const { organization, queue } = await world({ provider: "TWILIO" });
  twilioAnswer = () => twilioError(400, 21211, "The 'To' number is not a valid phone number.");
  const { messageId } = await queue();
  await expect(run(organization.id, messageId)).resolves.toBeUndefined();
  expect(await message(messageId)).toMatchObject({ status: "FAILED", errorCode: "21211", errorMessage: "The number is not a valid phone number." });
});

test.each([
  [500, 20500, "Internal Server Error"],
  [429, 20429, "Too Many Requests"],
])("Twilio %i puts the message back in the queue and throws for a retry; on the last attempt it fails", async (status, code, text) => {
  const { organization, queue } = await world({ provider: "TWILIO" });
  twilioAnswer = () => twilioError(status, code, text);
  const { messageId } = await queue();
  await expect(run(organization.id, messageId, 1, 3)).rejects.toMatchObject({ retryable: true });
  expect(await message(messageId)).toMatchObject({ status: "QUEUED", providerMessageId: null });
  await expect(run(organization.id, messageId, 3, 3)).resolves.toBeUndefined();
  expect(await message(messageId)).toMatchObject({ status: "FAILED", errorCode: "RETRIES_EXHAUSTED" });
});

test("an email channel sends over its own SMTP server with a Message-ID we store, so replies thread", async () => {
  const { organization, contact, ctx, channel } = await world({ kind: "EMAIL", provider: "SMTP" });
  const { messageId } = await prisma.$transaction((tx) =>
    sendMessage(tx, ctx, { contactId: contact.id, channelId: channel.id, content: { kind: "TEXT", body: "Your invoice is attached below." } }),
  );
  mails.length = 0;
  await run(organization.id, messageId);
  const stored = await message(messageId);
  expect(stored).toMatchObject({ status: "SENT", providerMessageId: expect.stringMatching(/^<[0-9a-f]{32}@acme\.test>$/), sentAt: expect.any(Date) });
  expect(mails).toHaveLength(1);
  expect(mails[0]!.to).toEqual([contact.email]);
  expect(mails[0]!.raw).toContain(`Message-ID: ${stored.providerMessageId}`);
  expect(mails[0]!.raw).toContain("Your invoice is attached below.");
});

test("with no free slot the job comes back later under the same key, attempts untouched, and sends nothing now", async () => {
  const { organization, contact, channel, ctx } = await world({ ratePerSecond: 0.01 });
  const second = await createContact(prisma, { organizationId: organization.id });
  const other = await createConversation(prisma, { organizationId: organization.id, contactId: second.id, channelId: channel.id });
  await prisma.conversation.update({ where: { id: other.id }, data: { lastInboundAt: new Date() } });
  const first = await prisma.$transaction((tx) => sendMessage(tx, ctx, { contactId: contact.id, channelId: channel.id, content: { kind: "TEXT", body: "One" } }));
  const next = await prisma.$transaction((tx) => sendMessage(tx, ctx, { conversationId: other.id, content: { kind: "TEXT", body: "Two" } }));

  await run(organization.id, first.messageId);
  await run(organization.id, next.messageId);

  expect(await message(first.messageId)).toMatchObject({ status: "SENDING" });
  expect(await message(next.messageId)).toMatchObject({ status: "QUEUED" });
  const [job] = await prisma.$queryRaw<Array<{ attempts: number; run_at: Date; queue_name: string }>>`
    SELECT j.attempts, j.run_at, q.queue_name FROM graphile_worker._private_jobs j JOIN graphile_worker._private_job_queues q ON q.id = j.job_queue_id
     WHERE j.key = ${`messages_send:${next.messageId}`}`;
  expect(job).toMatchObject({ attempts: 0, queue_name: `conversation:${other.id}` });
  expect(job!.run_at.getTime()).toBeGreaterThan(Date.now());
  // The workers will be woken when it comes due rather than at their next poll.
  expect(pendingWakeCount()).toBeGreaterThan(0);
  expect(await prisma.sandboxOutbox.count({ where: { organizationId: organization.id } })).toBe(1);
});

test("a message waits for an earlier one of its conversation that has not gone yet", async () => {
  const { organization, queue } = await world();
  const first = await queue("First");
  const second = await queue("Second");
  await run(organization.id, second.messageId);
  expect(await message(second.messageId)).toMatchObject({ status: "QUEUED" });
  await run(organization.id, first.messageId);
  await run(organization.id, second.messageId);
  const rows = await prisma.sandboxOutbox.findMany({ where: { organizationId: organization.id }, orderBy: { createdAt: "asc" } });
  expect(rows.map((row) => row.body)).toEqual(["First", "Second"]);
});

test("a contact who opted out after the message was queued is not sent to", async () => {
  const { organization, contact, queue } = await world();
  const { messageId } = await queue();
  await prisma.contactConsent.create({ data: { organizationId: organization.id, contactId: contact.id, channel: "WHATSAPP", status: "OPTED_OUT", source: "Replied STOP" } });
  await run(organization.id, messageId);
  expect(await message(messageId)).toMatchObject({ status: "FAILED", errorCode: "REFUSED", errorMessage: expect.stringContaining("opted out of WhatsApp") });
  expect(await prisma.sandboxOutbox.count({ where: { organizationId: organization.id } })).toBe(0);
});

test("a malformed payload throws a ZodError; another organization's message id sends nothing", async () => {
  await expect(messagesSend({ messageId: "nope" }, helpers())).rejects.toBeInstanceOf(ZodError);
  const a = await world();
  const b = await world();
  const { messageId } = await b.queue();
  await run(a.organization.id, messageId);
  expect(await message(messageId)).toMatchObject({ status: "QUEUED" });
  expect(await prisma.sandboxOutbox.count({ where: { organizationId: b.organization.id } })).toBe(0);
});
