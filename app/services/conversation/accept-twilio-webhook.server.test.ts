// Webhooks stored together: one statement for several posts, each new status with its own job and
// the new messages with one job for all of them, a repeat (earlier in the same batch or already in
// the inbox) stored and enqueued once.
import { randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { createOrganization } from "../../../prisma/factories";
import { createChannel } from "../../../prisma/factories-conversations";
import { twilioInboundSchema } from "~/domain/conversation/twilio-webhook";
import { runQueuedJobs } from "~/testing/run-queued-jobs";
import { acceptTwilioWebhook, acceptTwilioWebhooks } from "./accept-twilio-webhook.server";

const sid = () => `SM${randomBytes(16).toString("hex")}`;

async function jobsOf(channelId: string) {
  return prisma.$queryRaw<Array<{ task: string; key: string; payload: { webhookEventId: string }; eventKind: string }>>`
    SELECT t.identifier AS task, j.key, j.payload, e.kind AS "eventKind"
      FROM graphile_worker._private_jobs j
      JOIN graphile_worker._private_tasks t ON t.id = j.task_id
      JOIN "WebhookEvent" e ON e.id = (j.payload->>'webhookEventId')::uuid
     WHERE e."channelId" = ${channelId}::uuid`;
}

describe("acceptTwilioWebhooks", () => {
  test("each new post gets one event and one job of its kind; a repeat in the batch or the inbox gets none", async () => {
    const { organization } = await createOrganization(prisma);
    const channel = await createChannel(prisma, { organizationId: organization.id });
    const raw = { MessageSid: sid(), From: "whatsapp:+919812300002", Body: "Hi" };
    const inbound = twilioInboundSchema.parse(raw);
    const status = { MessageSid: sid(), MessageStatus: "delivered" };
    const answers = await acceptTwilioWebhooks(prisma, [
      { channel, webhook: { kind: "inbound", params: inbound }, raw },
      { channel, webhook: { kind: "status", params: status }, raw: status },
      { channel, webhook: { kind: "inbound", params: inbound }, raw },
    ]);
    expect(answers).toEqual([{ stored: true }, { stored: true }, { stored: false }]);
    expect(await acceptTwilioWebhook(prisma, channel, { kind: "status", params: status }, status)).toEqual({ stored: false });

    const jobs = await jobsOf(channel.id);
    expect(jobs.map((job) => [job.task, job.eventKind]).sort()).toEqual([
      ["messages_receive", "inbound"],
      ["messages_status", "status"],
    ]);
    for (const job of jobs) expect(job.key).toBe(`${job.task}:${job.payload.webhookEventId}`);
    expect(await prisma.webhookEvent.count({ where: { channelId: channel.id } })).toBe(2);
  });

  test("posts accepted at the same moment are each answered and each stored once", async () => {
    const { organization } = await createOrganization(prisma);
    const channel = await createChannel(prisma, { organizationId: organization.id });
    const statuses = Array.from({ length: 40 }, (_, index) => ({ MessageSid: sid(), MessageStatus: index % 2 ? "sent" : "delivered" }));
    const answers = await Promise.all([...statuses, ...statuses].map((params) => acceptTwilioWebhook(prisma, channel, { kind: "status", params }, params)));
    expect(answers.filter((answer) => answer.stored)).toHaveLength(40);
    expect(await prisma.webhookEvent.count({ where: { channelId: channel.id } })).toBe(40);
    expect(await jobsOf(channel.id)).toHaveLength(40);
  });

  test("messages stored together share one receive job that names every one of them, and it receives them all", async () => {
    const { organization } = await createOrganization(prisma);
    const channel = await createChannel(prisma, { organizationId: organization.id });
    const posts = Array.from({ length: 3 }, (_, index) => ({ MessageSid: sid(), From: `whatsapp:+91981230010${index}`, Body: `Hello ${index}` }));
    const answers = await acceptTwilioWebhooks(prisma, posts.map((raw) => ({ channel, webhook: { kind: "inbound", params: twilioInboundSchema.parse(raw) }, raw })));
    expect(answers).toEqual([{ stored: true }, { stored: true }, { stored: true }]);

    const events = await prisma.webhookEvent.findMany({ where: { channelId: channel.id }, orderBy: { id: "asc" } });
    const jobs = await prisma.$queryRaw<Array<{ key: string; payload: { webhookEventIds: string[] } }>>`
      SELECT j.key, j.payload FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
       WHERE t.identifier = 'messages_receive' AND (j.payload::jsonb)->'webhookEventIds' ?| ${events.map((event) => event.id)}::text[]`;
    expect(jobs).toEqual([{ key: `messages_receive:${events[0]!.id}`, payload: { webhookEventIds: events.map((event) => event.id) } }]);

    await runQueuedJobs(["messages_receive"]);
    expect((await prisma.message.findMany({ where: { channelId: channel.id } })).map((message) => message.body).sort()).toEqual(["Hello 0", "Hello 1", "Hello 2"]);
    expect(await prisma.webhookEvent.count({ where: { channelId: channel.id, processedAt: null } })).toBe(0);
  });
});
