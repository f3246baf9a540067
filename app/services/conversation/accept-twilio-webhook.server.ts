// The store-and-enqueue half of a Twilio webhook (the route has verified the signature): the raw
// event goes into the webhook inbox under its dedupe key, and its processing job (key
// `<task>:<event id>`) is added in the same statement. A repeated delivery finds the key taken and
// adds nothing.
import type { Channel, PrismaClient } from "~/generated/prisma/client";
import { channelCredentials } from "~/models/channel.server";
import { Prisma } from "~/generated/prisma/client";
import { insertWebhookEventThen } from "~/models/webhook-event.server";
import type { WebhookSignatureInput } from "~/providers/messaging/messaging.types";
import { SANDBOX_TWILIO_AUTH_TOKEN } from "~/providers/messaging/sandbox.server";
import { verifyTwilioSignature } from "~/providers/messaging/twilio-signature.server";
import { addJobSql } from "~/services/jobs.server";
import {
  twilioInboundDedupeKey,
  twilioStatusDedupeKey,
  type TwilioInbound,
  type TwilioStatus,
} from "~/domain/conversation/twilio-webhook";

/** The token Twilio (or the sandbox, for a SANDBOX channel) signs this channel's webhooks with; null when it has none. */
function signingToken(channel: Pick<Channel, "id" | "provider" | "secrets">): string | null {
  if (channel.provider === "SANDBOX") return SANDBOX_TWILIO_AUTH_TOKEN;
  if (channel.provider !== "TWILIO") return null;
  try {
    return channelCredentials(channel).authToken ?? null;
  } catch {
    return null;
  }
}

/** Whether the X-Twilio-Signature proves the post came from the channel's Twilio account (or the sandbox). */
export function twilioSignatureValid(channel: Pick<Channel, "id" | "provider" | "secrets">, input: WebhookSignatureInput): boolean {
  const token = signingToken(channel);
  return token !== null && verifyTwilioSignature(token, input);
}

export type TwilioWebhook = { kind: "inbound"; params: TwilioInbound } | { kind: "status"; params: TwilioStatus };

export async function acceptTwilioWebhook(
  db: PrismaClient,
  channel: Pick<Channel, "id" | "organizationId">,
  webhook: TwilioWebhook,
  raw: Record<string, string>,
): Promise<{ stored: boolean }> {
  const dedupeKey =
    webhook.kind === "inbound" ? twilioInboundDedupeKey(channel.id, webhook.params) : twilioStatusDedupeKey(channel.id, webhook.params);
  const task = webhook.kind === "inbound" ? "messages_receive" : "messages_status";
  // One statement: the event and its job are stored together or not at all, in one round trip.
  const event = await insertWebhookEventThen(
    db,
    { provider: "twilio", kind: webhook.kind, dedupeKey, organizationId: channel.organizationId, channelId: channel.id, payload: raw },
    (eventId) =>
      addJobSql(task, {
        payload: Prisma.sql`json_build_object('webhookEventId', ${eventId})`,
        key: Prisma.sql`${`${task}:`} || ${eventId}::text`,
        jobKeyMode: "preserve_run_at",
      }),
  );
  return { stored: event !== null };
}
