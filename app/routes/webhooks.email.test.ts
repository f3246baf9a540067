// POST /webhooks/email/:channelId/inbound: verify the secret, store once, enqueue, answer 202.
import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { TEST_ORIGIN } from "~/testing/caller";
import { routeAnswer } from "~/testing/route-requests";
import { sealChannelCredentials } from "~/models/channel.server";
import { createOrganization } from "../../prisma/factories";
import { createChannel } from "../../prisma/factories-conversations";
import { action } from "./webhooks.email.$channelId.inbound";
import messagesReceiveEmail from "../../jobs/tasks/messages_receive_email";

const SECRET = "s3cret-for-the-relay-0123456789abcdefghij";

async function emailChannel(options: { secret?: string; enabled?: boolean } = {}) {
  const { organization } = await createOrganization(prisma);
  const channel = await createChannel(prisma, { organizationId: organization.id, kind: "EMAIL" });
  return prisma.channel.update({
    where: { id: channel.id },
    data: { secrets: sealChannelCredentials(channel.id, { inboundSecret: options.secret ?? SECRET }), enabled: options.enabled ?? true },
  });
}

function rawEmail(messageId = `<${randomUUID()}@example.in>`) {
  return Buffer.from(
    ["From: Ravi Kumar <ravi@example.in>", "To: sales@example.com", "Subject: Price?", `Message-ID: ${messageId}`, "Content-Type: text/plain; charset=utf-8", "", "What does it cost?", ""].join("\r\n"),
  );
}

function post(channelId: string, body: Buffer | string, headers: Record<string, string> = {}) {
  const request = new Request(`${TEST_ORIGIN}/webhooks/email/${channelId}/inbound`, {
    method: "POST",
    headers: { "Content-Type": "message/rfc822", ...headers },
    body: new Uint8Array(Buffer.from(body)),
  });
  return routeAnswer(action, request, { channelId });
}

async function counts() {
  const [jobs] = await prisma.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'messages_receive_email'`;
  return { events: await prisma.webhookEvent.count(), jobs: jobs!.n };
}

describe("POST /webhooks/email/:channelId/inbound", () => {
  test("a verified message is stored once under the channel and its Message-ID, with its processing job; 202", async () => {
    const channel = await emailChannel();
    const answer = await post(channel.id, rawEmail("<first-1@example.in>"), { "X-Leadlane-Secret": SECRET });
    expect(answer.status).toBe(202);
    expect(await answer.json()).toEqual({ ok: true, duplicate: false });
    const event = await prisma.webhookEvent.findFirstOrThrow({ where: { channelId: channel.id } });
    expect(event).toMatchObject({ provider: "email", kind: "inbound", dedupeKey: `${channel.id}:first-1@example.in`, organizationId: channel.organizationId, processedAt: null });
    expect(event.payload).toMatchObject({ email: { from: { address: "ravi@example.in", name: "Ravi Kumar" }, subject: "Price?", text: "What does it cost?", messageId: "first-1@example.in" } });
    const jobs = await prisma.$queryRaw<Array<{ key: string; payload: unknown }>>`SELECT key, payload FROM graphile_worker._private_jobs WHERE key = ${`messages_receive_email:${event.id}`}`;
    expect(jobs).toEqual([{ key: `messages_receive_email:${event.id}`, payload: { webhookEventId: event.id } }]);
  });

  test("the same message delivered 10 times at once is one event and one job; every delivery hears 202", async () => {
    const channel = await emailChannel();
    const before = await counts();
    const raw = rawEmail();
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(channel.id, raw, { "X-Leadlane-Secret": SECRET })));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(202));
    expect(await counts()).toEqual({ events: before.events + 1, jobs: before.jobs + 1 });
    // Without a Message-ID the bytes decide: the same post twice is still one.
    const noId = Buffer.from("From: ravi@example.in\r\nSubject: x\r\n\r\nhello\r\n");
    await post(channel.id, noId, { "X-Leadlane-Secret": SECRET });
    await post(channel.id, noId, { "X-Leadlane-Secret": SECRET });
    expect((await counts()).events).toBe(before.events + 2);
  });

  test("a channel that doesn't exist, isn't email, or is off: 404, nothing written", async () => {
    const channel = await emailChannel();
    const off = await emailChannel({ enabled: false });
    const whatsapp = await createChannel(prisma, { organizationId: channel.organizationId, kind: "WHATSAPP" });
    const before = await counts();
    for (const id of [randomUUID(), "not-a-uuid", whatsapp.id, off.id]) {
      const answer = await post(id, rawEmail(), { "X-Leadlane-Secret": SECRET });
      expect(answer.status, id).toBe(404);
    }
    expect(await counts()).toEqual(before);
  });

  test("a missing or wrong secret, or another channel's: 403, nothing written", async () => {
    const channel = await emailChannel();
    const other = await emailChannel({ secret: "the-other-organizations-secret-0123456789" });
    const before = await counts();
    const attempts: Array<Record<string, string>> = [{}, { "X-Leadlane-Secret": "" }, { "X-Leadlane-Secret": `${SECRET}x` }, { "X-Leadlane-Secret": SECRET.slice(0, -1) }, { "X-Leadlane-Secret": "the-other-organizations-secret-0123456789" }];
    for (const headers of attempts) {
      const answer = await post(channel.id, rawEmail(), headers);
      expect(answer.status, JSON.stringify(headers)).toBe(403);
    }
    expect((await post(other.id, rawEmail(), { "X-Leadlane-Secret": SECRET })).status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  test("over 1 MB: 413; not an email: 400; another content type: 415 — nothing written", async () => {
    const channel = await emailChannel();
    const before = await counts();
    const huge = Buffer.concat([rawEmail(), Buffer.alloc(1024 * 1024, "a")]);
    const tooLarge = await post(channel.id, huge, { "X-Leadlane-Secret": SECRET });
    expect(tooLarge.status).toBe(413);
    const declared = await post(channel.id, rawEmail(), { "X-Leadlane-Secret": SECRET, "Content-Length": String(2 * 1024 * 1024) });
    expect(declared.status).toBe(413);
    for (const body of ["", "just words, no headers", '{"from":"ravi@example.in"}']) {
      const answer = await post(channel.id, body, { "X-Leadlane-Secret": SECRET, "Content-Type": "text/plain" });
      expect(answer.status, body).toBe(400);
      expect(((await answer.json()) as { error: string }).error).toMatch(/empty|no email headers/);
    }
    expect((await post(channel.id, rawEmail(), { "X-Leadlane-Secret": SECRET, "Content-Type": "application/json" })).status).toBe(415);
    expect(await counts()).toEqual(before);
  });
});

describe("an inbound email, end to end", () => {
  test("its job makes the contact and conversation; a reply naming it in In-Reply-To joins the same conversation", async () => {
    const channel = await emailChannel();
    // The job as the worker runs it, for the event just stored (its payload names only the event).
    const runJob = async () => {
      const event = await prisma.webhookEvent.findFirstOrThrow({ where: { channelId: channel.id }, orderBy: { receivedAt: "desc" } });
      await messagesReceiveEmail({ webhookEventId: event.id }, { logger: { debug: () => {} } } as never);
    };
    expect((await post(channel.id, rawEmail("<ask-1@example.in>"), { "X-Leadlane-Secret": SECRET })).status).toBe(202);
    await runJob();
    const contact = await prisma.contact.findFirstOrThrow({ where: { organizationId: channel.organizationId, email: "ravi@example.in" } });
    expect(contact).toMatchObject({ name: "Ravi Kumar", phone: null, source: "EMAIL" });
    const [conversation] = await prisma.conversation.findMany({ where: { organizationId: channel.organizationId, contactId: contact.id } });
    expect(conversation).toMatchObject({ channelId: channel.id, unreadCount: 1, lastMessageDirection: "INBOUND" });

    const reply = Buffer.from(
      [
        "From: Ravi <ravi@example.in>",
        "Subject: Re: Price?",
        "Message-ID: <ask-2@example.in>",
        "In-Reply-To: <ask-1@example.in>",
        "Content-Type: text/html; charset=utf-8",
        "",
        '<p>Still keen <img src=x onerror="alert(1)"><a href="javascript:alert(2)">click</a></p>',
        "",
      ].join("\r\n"),
    );
    expect((await post(channel.id, reply, { "X-Leadlane-Secret": SECRET })).status).toBe(202);
    await runJob();
    const messages = await prisma.message.findMany({ where: { conversationId: conversation!.id }, orderBy: { createdAt: "asc" } });
    expect(messages.map((message) => message.subject)).toEqual(["Price?", "Re: Price?"]);
    expect(messages[1]!.html).not.toMatch(/onerror|javascript:|<img/i);
    expect(await prisma.conversation.count({ where: { organizationId: channel.organizationId } })).toBe(1);
  });
});
