// The store-and-enqueue half of a Razorpay webhook (the route has verified the signature): the raw
// body goes into the webhook inbox under the account and Razorpay's event id (a unique key, so a
// repeat is refused by the database, not by a check before the insert), and the events stored
// together get one payments_apply_events job, in the same statement. Posts that arrive together
// are stored together, as Twilio's are: one commit and one notification for all of them.
import type { PaymentAccount, PrismaClient } from "~/generated/prisma/client";
import { Prisma } from "~/generated/prisma/client";
import { findPaymentAccountsForWebhook } from "~/models/payment-account.server";
import { insertWebhookEventsThen } from "~/models/webhook-event.server";
import { addJobsSql } from "~/services/jobs.server";
import { createMicroBatcher, type MicroBatcher } from "~/utils/micro-batch";

const accountBatchers = new WeakMap<PrismaClient, MicroBatcher<string, PaymentAccount | null>>();

/** The account a webhook's URL names, read when the post arrives (never cached); null when there is none. */
export function findRazorpayWebhookAccount(db: PrismaClient, accountId: string): Promise<PaymentAccount | null> {
  let batcher = accountBatchers.get(db);
  if (!batcher) {
    batcher = createMicroBatcher<string, PaymentAccount | null>(
      async (ids) => {
        const found = new Map((await findPaymentAccountsForWebhook(db, { ids: [...new Set(ids.map((id) => id.toLowerCase()))] })).map((account) => [account.id, account]));
        return new Map(ids.map((id) => [id, { ok: true as const, value: found.get(id.toLowerCase()) ?? null }]));
      },
      // One read at a time: a read is quick (no commit to wait for), so the posts that arrive meanwhile
      // share the next one; fewer statements leave the CPU to answering (decision 110).
      { maxBatch: 200, maxInFlight: 1 },
    );
    accountBatchers.set(db, batcher);
  }
  return batcher.add(accountId);
}

export type AcceptedRazorpayEvent = {
  account: Pick<PaymentAccount, "id" | "organizationId">;
  /** x-razorpay-event-id. */
  eventId: string;
  /** The event's name (payment.captured …). */
  event: string;
  /** The body exactly as signed. */
  raw: string;
};

/** The inbox key of an event: Razorpay's event id within the account it was posted for. */
export function razorpayDedupeKey(accountId: string, eventId: string): string {
  return `${accountId}:${eventId}`;
}

/**
 * Several verified events stored in one statement with one job for the new ones; answers, in order, whether each was new.
 * The rows go in in dedupe-key order: a repeat posted while the first delivery's batch is still open waits
 * for that batch to commit and then finds its key taken, and two batches holding each other's repeats wait
 * in turn instead of deadlocking (which failed both batches' posts).
 */
export async function acceptRazorpayWebhooks(db: PrismaClient, events: AcceptedRazorpayEvent[]): Promise<Array<{ stored: boolean }>> {
  const keys = events.map((event) => razorpayDedupeKey(event.account.id, event.eventId));
  const inKeyOrder = events.map((event, index) => ({ event, key: keys[index]! })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const stored = await insertWebhookEventsThen(
    db,
    inKeyOrder.map(({ event, key }) => ({
      provider: "razorpay",
      kind: event.event,
      dedupeKey: key,
      organizationId: event.account.organizationId,
      channelId: null,
      payload: { accountId: event.account.id, eventId: event.eventId, raw: event.raw },
    })),
    (rows) =>
      addJobsSql({
        from: Prisma.sql`(
          SELECT CASE WHEN count(*) = 1 THEN json_build_object('webhookEventId', min(s."id"::text))
                      ELSE json_build_object('webhookEventIds', json_agg(s."id" ORDER BY s."id")) END AS "payload",
                 'payments_apply_events:' || min(s."id"::text) AS "key"
            FROM ${rows} s HAVING count(*) > 0
        ) AS j`,
        task: Prisma.sql`'payments_apply_events'`,
        payload: Prisma.sql`j."payload"`,
        key: Prisma.sql`j."key"`,
        preserveRunAt: true,
      }),
  );
  const storedKeys = new Set(stored.map((row) => row.dedupeKey));
  return keys.map((key) => ({ stored: storedKeys.delete(key) }));
}

const batchers = new WeakMap<PrismaClient, MicroBatcher<AcceptedRazorpayEvent, { stored: boolean }>>();

/** Stores one verified event and its job (with whatever else arrives at that moment); answers once committed. */
export function acceptRazorpayWebhook(db: PrismaClient, event: AcceptedRazorpayEvent): Promise<{ stored: boolean }> {
  let batcher = batchers.get(db);
  if (!batcher) {
    batcher = createMicroBatcher<AcceptedRazorpayEvent, { stored: boolean }>(
      async (items) => {
        const answers = await acceptRazorpayWebhooks(db, items);
        return new Map(items.map((item, index) => [item, { ok: true as const, value: answers[index]! }]));
      },
      // One statement at a time: the posts that arrive while it commits go together in the next, and
      // each statement's job costs PostgreSQL about as much as its rows (decision 110).
      { maxBatch: 200, maxInFlight: 1 },
    );
    batchers.set(db, batcher);
  }
  return batcher.add(event);
}
