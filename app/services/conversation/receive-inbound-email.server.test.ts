// The messages_receive_email job's work. receiveMessage is another command's; here a recorder stands in
// for it, so these tests pin what it is handed and what happens around it (in a real database).
import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { sealChannelCredentials } from "~/models/channel.server";
import { storeInboundEmail } from "~/services/conversation/accept-inbound-email.server";
import { receiveInboundEmail, threadIds, type ReceiveMessage, type ReceiveMessageInput } from "~/services/conversation/receive-inbound-email.server";
import type { CommandContext } from "~/services/command.server";
import { createOrganization } from "../../../prisma/factories";
import { createChannel } from "../../../prisma/factories-conversations";

async function storedEmail(lines: string[]) {
  const { organization } = await createOrganization(prisma);
  const base = await createChannel(prisma, { organizationId: organization.id, kind: "EMAIL", name: "Sales inbox" });
  const channel = await prisma.channel.update({ where: { id: base.id }, data: { secrets: sealChannelCredentials(base.id, { inboundSecret: "x".repeat(40) }) } });
  expect(await storeInboundEmail(prisma, channel, Buffer.from(lines.join("\r\n")))).toEqual({ kind: "accepted", duplicate: false });
  const event = await prisma.webhookEvent.findFirstOrThrow({ where: { channelId: channel.id } });
  return { channel, event };
}

function recorder() {
  const calls: Array<{ context: CommandContext; input: ReceiveMessageInput }> = [];
  const receive: ReceiveMessage = async (_tx, context, input) => {
    calls.push({ context, input });
  };
  return { calls, receive };
}

const REPLY = [
  "From: Ravi Kumar <ravi@example.in>",
  "Subject: Re: Your trial",
  "Message-ID: <reply-3@example.in>",
  "In-Reply-To: <out-2@leadlane.test>",
  "References: <first@leadlane.test> <out-1@leadlane.test> <out-2@leadlane.test>",
  "Date: Thu, 03 Dec 2026 10:15:00 +0530",
  "MIME-Version: 1.0",
  'Content-Type: multipart/mixed; boundary="m"',
  "",
  "--m",
  "Content-Type: text/html; charset=utf-8",
  "",
  '<p>Yes <a href="javascript:alert(1)">please</a></p>',
  "--m",
  'Content-Type: image/png; name="chart.png"',
  "Content-Transfer-Encoding: base64",
  "",
  Buffer.from("not really a png").toString("base64"),
  "--m--",
  "",
];

describe("receiveInboundEmail", () => {
  test("hands receiveMessage the sender, text, sanitized HTML, subject, thread ids and media; marks the event processed once", async () => {
    const { channel, event } = await storedEmail(REPLY);
    const { calls, receive } = recorder();
    expect(await receiveInboundEmail(prisma, { webhookEventId: event.id }, receive)).toBe("received");
    expect(calls).toEqual([
      {
        context: { organizationId: channel.organizationId, actor: { userId: null, label: "Email: Sales inbox" } },
        input: {
          channelId: channel.id,
          from: { email: "ravi@example.in", name: "Ravi Kumar" },
          providerMessageId: "reply-3@example.in",
          body: "Yes please",
          html: '<p>Yes <a rel="noopener noreferrer nofollow" target="_blank">please</a></p>',
          subject: "Re: Your trial",
          inReplyTo: ["out-2@leadlane.test", "out-1@leadlane.test", "first@leadlane.test"],
          media: [{ type: "image", name: "chart.png", contentType: "image/png", size: 16 }],
          sentAt: new Date("2026-12-03T04:45:00.000Z"),
        },
      },
    ]);
    expect((await prisma.webhookEvent.findUniqueOrThrow({ where: { id: event.id } })).processedAt).not.toBeNull();
    // A retry of a processed event does nothing.
    expect(await receiveInboundEmail(prisma, { webhookEventId: event.id }, receive)).toBe("already_processed");
    expect(calls).toHaveLength(1);
  });

  test("when receiveMessage fails, the event stays unprocessed for the retry", async () => {
    const { event } = await storedEmail(["From: ravi@example.in", "Message-ID: <m-9@example.in>", "", "hi"]);
    const failing: ReceiveMessage = async () => {
      throw new Error("database went away");
    };
    await expect(receiveInboundEmail(prisma, { webhookEventId: event.id }, failing)).rejects.toThrow("database went away");
    expect((await prisma.webhookEvent.findUniqueOrThrow({ where: { id: event.id } })).processedAt).toBeNull();
    const { calls, receive } = recorder();
    expect(await receiveInboundEmail(prisma, { webhookEventId: event.id }, receive)).toBe("received");
    expect(calls[0]!.input).toMatchObject({ providerMessageId: "m-9@example.in", body: "hi", inReplyTo: [], media: [] });
    expect(calls[0]!.input).not.toHaveProperty("subject");
    expect(calls[0]!.input.sentAt).toEqual(event.receivedAt);
  });

  test("a channel switched off before processing: nothing received, the event closed with the reason", async () => {
    const { channel, event } = await storedEmail(["From: ravi@example.in", "Message-ID: <m-10@example.in>", "", "hi"]);
    await prisma.channel.update({ where: { id: channel.id }, data: { enabled: false } });
    const { calls, receive } = recorder();
    expect(await receiveInboundEmail(prisma, { webhookEventId: event.id }, receive)).toBe("channel_unavailable");
    expect(calls).toEqual([]);
    expect(await prisma.webhookEvent.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({ processedAt: expect.any(Date), error: expect.stringMatching(/switched off/) });
  });

  test("an event that isn't an inbound email is missing to this job", async () => {
    const other = await prisma.webhookEvent.create({ data: { provider: "twilio", kind: "inbound", dedupeKey: "SM123", payload: {} } });
    const { calls, receive } = recorder();
    expect(await receiveInboundEmail(prisma, { webhookEventId: other.id }, receive)).toBe("missing");
    expect(calls).toEqual([]);
  });

  test("thread ids: In-Reply-To first, then References newest first, once each", () => {
    expect(threadIds({ inReplyTo: ["c"], references: ["a", "b", "c"] })).toEqual(["c", "b", "a"]);
  });
});
