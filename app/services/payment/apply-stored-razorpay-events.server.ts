// Processing stored Razorpay events (the payments_apply_events job): each in its own transaction,
// holding the stored event's row lock, so a second worker with the same event waits and then finds
// it processed; an event that cannot be read is marked with the reason instead of failing forever.
import type { PrismaClient } from "~/generated/prisma/client";
import { factsOfRazorpayEvent, isHandledRazorpayEvent, razorpayEventSchema } from "~/domain/payment/razorpay-event";
import { lockWebhookEvents, markWebhookEventProcessed } from "~/models/webhook-event.server";
import { applyRazorpayEvent } from "~/services/payment/apply-razorpay-event.server";
import { now } from "~/utils/clock";
import { z } from "zod";

export type StoredEventOutcome = "applied" | "ignored" | "already processed" | "not found" | "refused";

const storedPayloadSchema = z.object({ accountId: z.uuid(), eventId: z.string(), raw: z.string() });

export async function applyStoredRazorpayEvent(db: PrismaClient, { webhookEventId }: { webhookEventId: string }): Promise<StoredEventOutcome> {
  return db.$transaction(async (tx): Promise<StoredEventOutcome> => {
    const [event] = await lockWebhookEvents(tx, { ids: [webhookEventId] });
    if (!event || event.provider !== "razorpay") return "not found";
    if (event.processedAt) return "already processed";
    const refuse = async (reason: string): Promise<StoredEventOutcome> => {
      await markWebhookEventProcessed(tx, { id: event.id, at: now(), error: reason.slice(0, 500) });
      return "refused";
    };
    const stored = storedPayloadSchema.safeParse(event.payload);
    if (!stored.success) return refuse("The stored event has no account or body.");
    const account = await tx.paymentAccount.findFirst({ where: { id: stored.data.accountId, organizationId: event.organizationId ?? undefined } });
    if (!account) return refuse("The payment account is gone.");
    let json: unknown;
    try {
      json = JSON.parse(stored.data.raw);
    } catch {
      return refuse("The stored body is not JSON.");
    }
    const parsed = razorpayEventSchema.safeParse(json);
    if (!parsed.success) return refuse(parsed.error.issues[0]?.message ?? "The stored body is not a Razorpay event.");
    if (!isHandledRazorpayEvent(parsed.data.event)) {
      await markWebhookEventProcessed(tx, { id: event.id, at: now(), error: `Event ${parsed.data.event} is not one we act on.` });
      return "ignored";
    }
    await applyRazorpayEvent(tx, account, factsOfRazorpayEvent(parsed.data));
    await markWebhookEventProcessed(tx, { id: event.id, at: now() });
    return "applied";
  });
}

/** Several stored events, one after another, each alone; answers each one's outcome in order. */
export async function applyStoredRazorpayEvents(db: PrismaClient, { webhookEventIds }: { webhookEventIds: string[] }): Promise<StoredEventOutcome[]> {
  const outcomes: StoredEventOutcome[] = [];
  for (const webhookEventId of webhookEventIds) outcomes.push(await applyStoredRazorpayEvent(db, { webhookEventId }));
  return outcomes;
}
