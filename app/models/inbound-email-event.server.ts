// The webhook inbox rows of inbound email (WebhookEvent, provider "email"): written once per message
// (the unique key is the channel and the Message-ID), read and marked done by the processing job.
import type { Prisma, PrismaClient } from "~/generated/prisma/client";

type Tx = Prisma.TransactionClient | PrismaClient;

export const INBOUND_EMAIL_PROVIDER = "email";
export const INBOUND_EMAIL_KIND = "inbound";

/** Stores the event unless one with the same key exists; its id, or null for a duplicate. */
export async function insertInboundEmailEvent(
  db: Tx,
  input: { organizationId: string; channelId: string; dedupeKey: string; payload: Prisma.InputJsonValue },
): Promise<string | null> {
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    INSERT INTO "WebhookEvent" ("provider", "kind", "dedupeKey", "organizationId", "channelId", "payload")
    VALUES (${INBOUND_EMAIL_PROVIDER}, ${INBOUND_EMAIL_KIND}, ${input.dedupeKey}, ${input.organizationId}::uuid, ${input.channelId}::uuid, ${JSON.stringify(input.payload)}::jsonb)
    ON CONFLICT ("provider", "dedupeKey") DO NOTHING
    RETURNING "id"::text AS "id"`;
  return rows[0]?.id ?? null;
}

export function findInboundEmailEvent(db: Tx, { id }: { id: string }) {
  return db.webhookEvent.findFirst({ where: { id, provider: INBOUND_EMAIL_PROVIDER, kind: INBOUND_EMAIL_KIND } });
}

/** Marks the event processed (with the reason when it could not be, e.g. its channel is gone). */
export async function markInboundEmailEventProcessed(db: Tx, { id, at, error = null }: { id: string; at: Date; error?: string | null }) {
  await db.webhookEvent.updateMany({ where: { id, processedAt: null }, data: { processedAt: at, error } });
}
