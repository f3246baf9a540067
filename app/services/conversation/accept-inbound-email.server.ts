// POST /webhooks/email/:channelId/inbound, after the route has the channel id, the secret header and
// the body: verify, store, enqueue. The channel's inbound secret is checked before anything is read
// or written; the event is stored once per Message-ID and its processing job joins that transaction.
import { createHash, timingSafeEqual } from "node:crypto";
import { Prisma, type PrismaClient } from "~/generated/prisma/client";
import { channelCredentials, findChannelForWebhook } from "~/models/channel.server";
import { insertWebhookEventThen } from "~/models/webhook-event.server";
import { addJobSql } from "~/services/jobs.server";
import { InboundEmailError, parseInboundEmail, type InboundEmail } from "~/services/conversation/parse-inbound-email.server";

export type InboundEmailOutcome =
  | { kind: "not_found" }
  | { kind: "forbidden" }
  | { kind: "invalid"; message: string }
  | { kind: "accepted"; duplicate: boolean };

const sha256 = (value: string | Buffer) => createHash("sha256").update(value).digest();

/** Compares in constant time (over digests, so the lengths never differ). */
export function secretsMatch(given: string, expected: string): boolean {
  return timingSafeEqual(sha256(given), sha256(expected));
}

/** What the processing job reads back: the parsed message, never the raw bytes. */
export type InboundEmailEventPayload = { email: InboundEmail };

/** The channel an inbound email is for, when it exists, is an email channel, is on, and `secret` is its own. */
export async function verifyInboundEmailChannel(db: PrismaClient, { channelId, secret }: { channelId: string; secret: string | null }) {
  const channel = await findChannelForWebhook(db, { id: channelId });
  if (!channel || channel.kind !== "EMAIL" || !channel.enabled) return { kind: "not_found" } as const;
  const expected = channelCredentials(channel).inboundSecret;
  if (!secret || !expected || !secretsMatch(secret, expected)) return { kind: "forbidden" } as const;
  return { kind: "verified", channel } as const;
}

/** Parses the verified raw message, stores it once (by channel and Message-ID) and enqueues its processing. */
export async function storeInboundEmail(
  db: PrismaClient,
  channel: { id: string; organizationId: string },
  raw: Buffer,
): Promise<Exclude<InboundEmailOutcome, { kind: "not_found" | "forbidden" }>> {
  let email: InboundEmail;
  try {
    email = await parseInboundEmail(raw);
  } catch (error) {
    if (error instanceof InboundEmailError) return { kind: "invalid", message: error.message };
    throw error;
  }
  // A message without a Message-ID is known by its bytes: the same post twice is still one message.
  const identity = email.messageId ?? `sha256:${sha256(raw).toString("hex")}`;
  const payload: InboundEmailEventPayload = { email };
  // One statement, as for Twilio's webhooks: the event and its job are stored together or not at all.
  const event = await insertWebhookEventThen(
    db,
    { provider: "email", kind: "inbound", dedupeKey: `${channel.id}:${identity}`, organizationId: channel.organizationId, channelId: channel.id, payload },
    (eventId) =>
      addJobSql("messages_receive_email", {
        payload: Prisma.sql`json_build_object('webhookEventId', ${eventId})`,
        key: Prisma.sql`${"messages_receive_email:"} || ${eventId}::text`,
      }),
  );
  return { kind: "accepted", duplicate: event === null };
}
