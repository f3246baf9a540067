// Payloads of every background task, parsed with zod on the task's first line
// because jobs queued by an older release may still be waiting.
import { z } from "zod";

export const taskPayloadSchemas = {
  invitation_send: z.object({ invitationId: z.uuid(), token: z.string().min(20) }),
  signup_email_send: z.object({ signUpRequestId: z.uuid(), token: z.string().min(20) }),
  sessions_purge: z.object({}).passthrough(),
  contacts_bulk_apply: z.object({ operationId: z.uuid() }),
  contacts_import: z.object({ importId: z.uuid() }),
  /** Stored inbound Twilio webhooks (WebhookEvent) to turn into messages: one, or those stored together. */
  messages_receive: z.union([z.object({ webhookEventId: z.uuid() }), z.object({ webhookEventIds: z.array(z.uuid()).min(1).max(1000) })]),
  /** A stored Twilio delivery-status webhook (WebhookEvent) to apply to its message. */
  messages_status: z.object({ webhookEventId: z.uuid() }),
  messages_send: z.object({ organizationId: z.uuid(), messageId: z.uuid() }),
  /** One status the sandbox reports for the sends of a batch on one channel (or one send, as queued before). */
  messages_sandbox_status: z
    .object({
      organizationId: z.uuid(),
      channelId: z.uuid(),
      providerMessageId: z.string().min(1).max(255).optional(),
      providerMessageIds: z.array(z.string().min(1).max(255)).min(1).max(1000).optional(),
      status: z.enum(["SENT", "DELIVERED", "READ", "UNDELIVERED", "FAILED"]),
      occurredAt: z.iso.datetime(),
      errorCode: z.string().max(40).nullable().default(null),
      errorMessage: z.string().max(500).nullable().default(null),
    })
    .refine((payload) => payload.providerMessageId !== undefined || payload.providerMessageIds !== undefined, "The report names no provider message id."),
  messages_receive_email: z.object({ webhookEventId: z.uuid() }),
  /** A snoozed conversation's time is up: reopen it, unless it was reopened or snoozed again since. */
  conversations_unsnooze: z.object({ organizationId: z.uuid(), conversationId: z.uuid(), snoozedUntil: z.iso.datetime() }),
  /** Stored Razorpay webhooks (WebhookEvent) to apply to payments: one, or those stored together. */
  payments_apply_events: z.union([z.object({ webhookEventId: z.uuid() }), z.object({ webhookEventIds: z.array(z.uuid()).min(1).max(1000) })]),
  /** Ask the provider for a new payment link's checkout (once; a retry finds it by our reference id). */
  payment_links_create: z.object({ organizationId: z.uuid(), paymentLinkId: z.uuid() }),
  /** Payments of this order id that arrived before their link told it: match them now. */
  payments_match_order: z.object({ accountId: z.uuid(), providerOrderId: z.string().regex(/^order_[A-Za-z0-9]{1,36}$/) }),
  /** The minute's sweep that folds the payments' daily-total changes (graphile-worker's cron payload). */
  payments_compact_totals: z.object({}).passthrough(),
} as const;

export type TaskName = keyof typeof taskPayloadSchemas;
export type TaskPayloads = { [K in TaskName]: z.infer<(typeof taskPayloadSchemas)[K]> };
