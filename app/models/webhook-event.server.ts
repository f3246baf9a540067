// Prisma reads and writes for the webhook inbox: every verified provider callback, stored once by
// its dedupe key before it is processed.
import { Prisma, type PrismaClient, type WebhookEvent } from "~/generated/prisma/client";

type Tx = Prisma.TransactionClient | PrismaClient;

export type NewWebhookEvent = {
  provider: string;
  kind: string;
  dedupeKey: string;
  organizationId: string | null;
  channelId: string | null;
  payload: Record<string, unknown>;
};

/**
 * Stores the event and, when it is new, what `then` makes of its id (an add_job call), in one
 * statement; null for a repeated delivery (nothing added).
 */
export async function insertWebhookEventThen(
  db: Tx,
  event: NewWebhookEvent,
  then: (eventId: Prisma.Sql) => Prisma.Sql,
): Promise<{ id: string } | null> {
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    WITH stored AS (
      INSERT INTO "WebhookEvent" ("provider", "kind", "dedupeKey", "organizationId", "channelId", "payload")
      VALUES (${event.provider}, ${event.kind}, ${event.dedupeKey}, ${event.organizationId}::uuid, ${event.channelId}::uuid,
              ${JSON.stringify(event.payload)}::jsonb)
      ON CONFLICT ("provider", "dedupeKey") DO NOTHING
      RETURNING "id"
    )
    SELECT stored."id" FROM stored CROSS JOIN LATERAL ${then(Prisma.sql`stored."id"`)} AS job`;
  return rows[0] ? { id: rows[0].id } : null;
}

/**
 * Stores several events in one statement, and what `then` makes of the new ones (an add_jobs call
 * over the CTE `stored`: "id", "provider", "kind", "dedupeKey"), so the events and their jobs
 * commit together. Answers the events stored; a repeated delivery (in the table already, or twice
 * in `events`) is stored once and answered once.
 */
export async function insertWebhookEventsThen(
  db: Tx,
  events: NewWebhookEvent[],
  then: (stored: Prisma.Sql) => Prisma.Sql,
): Promise<Array<{ id: string; provider: string; dedupeKey: string }>> {
  if (events.length === 0) return [];
  return db.$queryRaw<Array<{ id: string; provider: string; dedupeKey: string }>>`
    WITH stored AS (
      INSERT INTO "WebhookEvent" ("provider", "kind", "dedupeKey", "organizationId", "channelId", "payload")
      SELECT e."provider", e."kind", e."dedupeKey", e."organizationId", e."channelId", e."payload"
        FROM jsonb_to_recordset(${JSON.stringify(events)}::jsonb)
             AS e("provider" text, "kind" text, "dedupeKey" text, "organizationId" uuid, "channelId" uuid, "payload" jsonb)
      ON CONFLICT ("provider", "dedupeKey") DO NOTHING
      RETURNING "id", "provider", "kind", "dedupeKey"
    ), jobs AS (${then(Prisma.sql`stored`)})
    -- The jobs' count is read so that their CTE runs (a plain SELECT in WITH runs only when read).
    SELECT stored."id", stored."provider", stored."dedupeKey" FROM stored WHERE (SELECT count(*) FROM jobs) >= 0`;
}

export async function findWebhookEvent(db: Tx, { id }: { id: string }): Promise<WebhookEvent | null> {
  const rows = await db.$queryRaw<WebhookEvent[]>`SELECT * FROM "WebhookEvent" WHERE "id" = ${id}::uuid`;
  return rows[0] ?? null;
}

/** Marks the event done (with the reason when it could not be applied); a second mark changes nothing. */
export async function markWebhookEventProcessed(db: Tx, { id, at, error = null }: { id: string; at: Date; error?: string | null }) {
  await db.$executeRaw`UPDATE "WebhookEvent" SET "processedAt" = ${at}, "error" = ${error} WHERE "id" = ${id}::uuid AND "processedAt" IS NULL`;
}

/**
 * The events with these ids, each locked until the transaction ends (a second worker holding one
 * waits here, then finds it processed), in id order so two batches never wait on each other.
 */
export async function lockWebhookEvents(db: Tx, { ids }: { ids: string[] }): Promise<WebhookEvent[]> {
  if (ids.length === 0) return [];
  return db.$queryRaw<WebhookEvent[]>`
    SELECT * FROM "WebhookEvent" WHERE "id" = ANY(${ids}::uuid[]) ORDER BY "id" FOR UPDATE`;
}

/** markWebhookEventProcessed for several events at once (no reason: each was applied). */
export async function markWebhookEventsProcessed(db: Tx, { ids, at }: { ids: string[]; at: Date }) {
  if (ids.length === 0) return;
  await db.$executeRaw`UPDATE "WebhookEvent" SET "processedAt" = ${at}, "error" = NULL WHERE "id" = ANY(${ids}::uuid[]) AND "processedAt" IS NULL`;
}
