// Processing stored Razorpay events (the payments_apply_events job): each in its own transaction,
// holding the stored event's row lock, so a second worker with the same event waits and then finds
// it processed; an event that cannot be read is marked with the reason instead of failing forever.
//
// Under load the worker hands the events of the jobs running at once to `applyStoredRazorpayEvents`,
// which applies them in one transaction (one commit for all of them, where each commit waits its turn
// for the database's notification lock), each still through applyRazorpayEvent, in the order of the
// payment (or link, or order) each is about, so two batches (two worker processes) take those locks
// in the same order. Anything
// unusual in a batch (an event that must be refused, a deadlock over a contact two payments share, any
// error) rolls it back and applies each of its events on its own instead, so a batch never decides
// differently from a single event.
import type { PaymentAccount, PrismaClient, WebhookEvent } from "~/generated/prisma/client";
import { factsOfRazorpayEvent, isHandledRazorpayEvent, razorpayEventSchema, type RazorpayEventFacts } from "~/domain/payment/razorpay-event";
import { lockWebhookEvents, markWebhookEventProcessed, markWebhookEventsProcessed } from "~/models/webhook-event.server";
import type { CommandTx } from "~/services/command.server";
import { applyRazorpayEvent } from "~/services/payment/apply-razorpay-event.server";
import { now } from "~/utils/clock";
import type { BatchResults } from "~/utils/micro-batch";
import { z } from "zod";

export type StoredEventOutcome = "applied" | "ignored" | "already processed" | "not found" | "refused";

const storedPayloadSchema = z.object({ accountId: z.uuid(), eventId: z.string(), raw: z.string() });

/** How long one batch's transaction may run before it is abandoned for one transaction per event. */
const BATCH_TRANSACTION_TIMEOUT_MS = 30_000;

type EventCheck =
  | { outcome: "not found" | "already processed" }
  | { refusal: string }
  | { ignored: string }
  | { apply: { account: PaymentAccount; facts: RazorpayEventFacts } };

/** What stands between a stored event and applyRazorpayEvent: its provider, whether it is done, its account, its body. */
async function checkEvent(
  event: WebhookEvent | undefined,
  accountOf: (accountId: string, organizationId: string | null) => Promise<PaymentAccount | null>,
): Promise<EventCheck> {
  if (!event || event.provider !== "razorpay") return { outcome: "not found" };
  if (event.processedAt) return { outcome: "already processed" };
  const stored = storedPayloadSchema.safeParse(event.payload);
  if (!stored.success) return { refusal: "The stored event has no account or body." };
  const account = await accountOf(stored.data.accountId, event.organizationId);
  if (!account) return { refusal: "The payment account is gone." };
  let json: unknown;
  try {
    json = JSON.parse(stored.data.raw);
  } catch {
    return { refusal: "The stored body is not JSON." };
  }
  const parsed = razorpayEventSchema.safeParse(json);
  if (!parsed.success) return { refusal: parsed.error.issues[0]?.message ?? "The stored body is not a Razorpay event." };
  if (!isHandledRazorpayEvent(parsed.data.event)) return { ignored: `Event ${parsed.data.event} is not one we act on.` };
  return { apply: { account, facts: factsOfRazorpayEvent(parsed.data) } };
}

function findAccount(tx: CommandTx, accountId: string, organizationId: string | null): Promise<PaymentAccount | null> {
  return tx.paymentAccount.findFirst({ where: { id: accountId, organizationId: organizationId ?? undefined } });
}

export async function applyStoredRazorpayEvent(db: PrismaClient, { webhookEventId }: { webhookEventId: string }): Promise<StoredEventOutcome> {
  return db.$transaction(async (tx): Promise<StoredEventOutcome> => {
    const [event] = await lockWebhookEvents(tx, { ids: [webhookEventId] });
    const check = await checkEvent(event, (accountId, organizationId) => findAccount(tx, accountId, organizationId));
    if ("outcome" in check) return check.outcome;
    if ("refusal" in check) {
      await markWebhookEventProcessed(tx, { id: event!.id, at: now(), error: check.refusal.slice(0, 500) });
      return "refused";
    }
    if ("ignored" in check) {
      await markWebhookEventProcessed(tx, { id: event!.id, at: now(), error: check.ignored });
      return "ignored";
    }
    await applyRazorpayEvent(tx, check.apply.account, check.apply.facts);
    await markWebhookEventProcessed(tx, { id: event!.id, at: now() });
    return "applied";
  });
}

/** A batch met something only the one-at-a-time path decides (a refusal). */
class NeedsOneAtATime extends Error {}

/**
 * The key of the lock applyRazorpayEvent takes first for these facts (its subject: the payment, else
 * the refund's payment, the link, the order), within the account: a batch applies its events in this
 * order, so two batches never hold each other's subjects.
 */
function lockOrderKey(accountId: string, facts: RazorpayEventFacts): string {
  const subject = facts.payment?.providerPaymentId ?? facts.refund?.providerPaymentId ?? facts.link?.providerLinkId ?? facts.order?.providerOrderId ?? "";
  return `${accountId}:${subject}`;
}

/**
 * Several stored events in one transaction, each through applyRazorpayEvent, in lock order (by the
 * payment each is about, then by id). Each id gets its own outcome, or its own error when even the
 * one-at-a-time path failed for it.
 */
export async function applyStoredRazorpayEvents(db: PrismaClient, { webhookEventIds }: { webhookEventIds: string[] }): Promise<BatchResults<string, StoredEventOutcome>> {
  const ids = [...new Set(webhookEventIds)];
  const results: BatchResults<string, StoredEventOutcome> = new Map();
  if (ids.length === 1) return oneAtATime(db, ids);
  try {
    await db.$transaction(
      async (tx) => {
        results.clear();
        const events = await lockWebhookEvents(tx, { ids });
        const accountIds = [
          ...new Set(events.flatMap((event) => {
            const stored = storedPayloadSchema.safeParse(event.payload);
            return stored.success ? [stored.data.accountId] : [];
          })),
        ];
        const accounts = accountIds.length > 0 ? await tx.paymentAccount.findMany({ where: { id: { in: accountIds } } }) : [];
        const accountOf = async (accountId: string, organizationId: string | null) =>
          accounts.find((account) => account.id === accountId && (organizationId === null || account.organizationId === organizationId)) ?? null;
        const due: Array<{ event: WebhookEvent; account: PaymentAccount; facts: RazorpayEventFacts; key: string }> = [];
        const ignored: Array<{ event: WebhookEvent; reason: string }> = [];
        for (const event of events) {
          const check = await checkEvent(event, accountOf);
          if ("refusal" in check) throw new NeedsOneAtATime(check.refusal);
          if ("outcome" in check) results.set(event.id, { ok: true, value: check.outcome });
          else if ("ignored" in check) ignored.push({ event, reason: check.ignored });
          else due.push({ event, ...check.apply, key: lockOrderKey(check.apply.account.id, check.apply.facts) });
        }
        due.sort((a, b) => compareText(a.key, b.key) || compareText(a.event.id, b.event.id));
        for (const { event, account, facts } of due) {
          await applyRazorpayEvent(tx, account, facts);
          results.set(event.id, { ok: true, value: "applied" });
        }
        const at = now();
        for (const { event, reason } of ignored) {
          await markWebhookEventProcessed(tx, { id: event.id, at, error: reason });
          results.set(event.id, { ok: true, value: "ignored" });
        }
        await markWebhookEventsProcessed(tx, { ids: due.map(({ event }) => event.id), at });
      },
      { timeout: BATCH_TRANSACTION_TIMEOUT_MS },
    );
    for (const id of ids) if (!results.has(id)) results.set(id, { ok: true, value: "not found" });
    return results;
  } catch {
    // A refusal, a deadlock, a timeout: every event again on its own, each with its own result.
    return oneAtATime(db, ids);
  }
}

async function oneAtATime(db: PrismaClient, ids: string[]): Promise<BatchResults<string, StoredEventOutcome>> {
  const results: BatchResults<string, StoredEventOutcome> = new Map();
  for (const id of ids) {
    try {
      results.set(id, { ok: true, value: await applyStoredRazorpayEvent(db, { webhookEventId: id }) });
    } catch (error) {
      results.set(id, { ok: false, error });
    }
  }
  return results;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
