// The store-and-enqueue half of a Twilio webhook (the route has verified the signature): the raw
// event goes into the webhook inbox under its dedupe key, and its processing job (key
// `<task>:<event id>`) is added in the same statement. A repeated delivery finds the key taken and
// adds nothing. Posts that arrive together are stored together: adding jobs notifies the workers,
// and PostgreSQL commits notifying transactions one at a time, so one statement per post would
// make every post wait for the disk in turn.
import type { Channel, PrismaClient } from "~/generated/prisma/client";
import { channelCredentials, findChannelsForWebhook } from "~/models/channel.server";
import { Prisma } from "~/generated/prisma/client";
import { insertWebhookEventsThen } from "~/models/webhook-event.server";
import type { WebhookSignatureInput } from "~/providers/messaging/messaging.types";
import { SANDBOX_TWILIO_AUTH_TOKEN } from "~/providers/messaging/sandbox.server";
import { verifyTwilioSignature } from "~/providers/messaging/twilio-signature.server";
import { addJobsSql } from "~/services/jobs.server";
import type { TaskName } from "~/services/job-payloads";
import { createMicroBatcher, type MicroBatcher } from "~/utils/micro-batch";
import {
  twilioInboundDedupeKey,
  twilioStatusDedupeKey,
  type TwilioInbound,
  type TwilioStatus,
} from "~/domain/conversation/twilio-webhook";

/** Posts arriving together read their channels in one statement (most name the same one or two). */
const channelBatchers = new WeakMap<PrismaClient, MicroBatcher<string, Channel | null>>();

/**
 * The channel a Twilio webhook's URL names, read when the post arrives (never cached, so a channel
 * disabled or given a new token a moment ago is seen as it is now); null when there is none.
 */
export function findTwilioWebhookChannel(db: PrismaClient, channelId: string): Promise<Channel | null> {
  let batcher = channelBatchers.get(db);
  if (!batcher) {
    batcher = createMicroBatcher<string, Channel | null>(
      async (ids) => {
        const found = new Map((await findChannelsForWebhook(db, { ids: [...new Set(ids)] })).map((channel) => [channel.id, channel]));
        // PostgreSQL answers ids in lower case; a URL may spell one in upper case.
        return new Map(ids.map((id) => [id, { ok: true as const, value: found.get(id.toLowerCase()) ?? null }]));
      },
      // One read at a time: a read is quick (no commit to wait for), so the posts that arrive meanwhile
      // share the next one; fewer statements leave the CPU to answering (decision 110).
      { maxBatch: 200, maxInFlight: 1 },
    );
    channelBatchers.set(db, batcher);
  }
  return batcher.add(channelId);
}

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

type Accepting = { channel: Pick<Channel, "id" | "organizationId">; webhook: TwilioWebhook; raw: Record<string, string> };

const TASK_OF_KIND = { inbound: "messages_receive", status: "messages_status" } as const satisfies Record<TwilioWebhook["kind"], TaskName>;

function dedupeKeyOf({ channel, webhook }: Accepting): string {
  return webhook.kind === "inbound" ? twilioInboundDedupeKey(channel.id, webhook.params) : twilioStatusDedupeKey(channel.id, webhook.params);
}

/**
 * Several verified webhooks stored in one statement with their jobs (a status job per new status,
 * key `messages_status:<event id>`; one `messages_receive` job for the new messages, key
 * `messages_receive:<first event id>`): one commit and one "new jobs" notification for all of them. Answers, in
 * order, whether each was new (a repeat, in the inbox already or earlier in the list, is not).
 */
export async function acceptTwilioWebhooks(db: PrismaClient, webhooks: Accepting[]): Promise<Array<{ stored: boolean }>> {
  const keys = webhooks.map(dedupeKeyOf);
  const stored = await insertWebhookEventsThen(
    db,
    webhooks.map(({ channel, webhook, raw }, index) => ({
      provider: "twilio",
      kind: webhook.kind,
      dedupeKey: keys[index]!,
      organizationId: channel.organizationId,
      channelId: channel.id,
      payload: raw,
    })),
    (rows) => {
      // A status job per status; one receive job for all the messages stored together (its key names
      // the first), so the worker pays for one job, not one per message.
      const jobs = Prisma.sql`(
        SELECT ${TASK_OF_KIND.status}::text AS "task", json_build_object('webhookEventId', s."id") AS "payload",
               ${TASK_OF_KIND.status}::text || ':' || s."id"::text AS "key"
          FROM ${rows} s WHERE s."kind" = 'status'
        UNION ALL
        SELECT ${TASK_OF_KIND.inbound}::text,
               CASE WHEN count(*) = 1 THEN json_build_object('webhookEventId', min(s."id"::text))
                    ELSE json_build_object('webhookEventIds', json_agg(s."id" ORDER BY s."id")) END,
               ${TASK_OF_KIND.inbound}::text || ':' || min(s."id"::text)
          FROM ${rows} s WHERE s."kind" = 'inbound' HAVING count(*) > 0
      ) AS j`;
      return addJobsSql({ from: jobs, task: Prisma.sql`j."task"`, payload: Prisma.sql`j."payload"`, key: Prisma.sql`j."key"`, preserveRunAt: true });
    },
  );
  const storedKeys = new Set(stored.map((row) => row.dedupeKey));
  // A key twice in the list was stored once: the first of them is the one that was new.
  return keys.map((key) => ({ stored: storedKeys.delete(key) }));
}

/** Posts answered at the same time share a statement (see acceptTwilioWebhooks); each waits for its commit. */
const batchers = new WeakMap<PrismaClient, MicroBatcher<Accepting, { stored: boolean }>>();

function batcherFor(db: PrismaClient): MicroBatcher<Accepting, { stored: boolean }> {
  let batcher = batchers.get(db);
  if (!batcher) {
    batcher = createMicroBatcher<Accepting, { stored: boolean }>(
      async (items) => {
        const answers = await acceptTwilioWebhooks(db, items);
        return new Map(items.map((item, index) => [item, { ok: true as const, value: answers[index]! }]));
      },
      // One statement at a time, as for Razorpay's posts (decision 110).
      { maxBatch: 200, maxInFlight: 1 },
    );
    batchers.set(db, batcher);
  }
  return batcher;
}

/** Stores one verified webhook and its processing job; answers once they are committed. */
export function acceptTwilioWebhook(
  db: PrismaClient,
  channel: Pick<Channel, "id" | "organizationId">,
  webhook: TwilioWebhook,
  raw: Record<string, string>,
): Promise<{ stored: boolean }> {
  return batcherFor(db).add({ channel, webhook, raw });
}
