// Prisma reads and writes for the webhook inbox: every verified provider callback, stored once by
// its dedupe key before it is processed.
import type { Prisma, PrismaClient } from "~/generated/prisma/client";

type Tx = Prisma.TransactionClient | PrismaClient;

export type NewWebhookEvent = {
  provider: string;
  kind: string;
  dedupeKey: string;
  organizationId: string | null;
  channelId: string | null;
  payload: Record<string, unknown>;
};

/** Stores the event; null when one with its dedupe key is already stored (a repeated delivery). */
export async function insertWebhookEvent(db: Tx, event: NewWebhookEvent): Promise<{ id: string } | null> {
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    INSERT INTO "WebhookEvent" ("provider", "kind", "dedupeKey", "organizationId", "channelId", "payload")
    VALUES (${event.provider}, ${event.kind}, ${event.dedupeKey}, ${event.organizationId}::uuid, ${event.channelId}::uuid,
            ${JSON.stringify(event.payload)}::jsonb)
    ON CONFLICT ("provider", "dedupeKey") DO NOTHING
    RETURNING "id"`;
  return rows[0] ?? null;
}

export function findWebhookEvent(db: Tx, { id }: { id: string }) {
  return db.webhookEvent.findUnique({ where: { id } });
}

/** Marks the event done (with the reason when it could not be applied); a second mark changes nothing. */
export async function markWebhookEventProcessed(db: Tx, { id, at, error = null }: { id: string; at: Date; error?: string | null }) {
  await db.webhookEvent.updateMany({ where: { id, processedAt: null }, data: { processedAt: at, error } });
}
