// Prisma reads and writes for messages, always scoped by organization. Status moves go through
// message-status.server.ts (forward only); the one step back, SENDING → QUEUED after a provider
// said "try again", is here and names its condition.
import type { Prisma, PrismaClient } from "~/generated/prisma/client";

type Tx = Prisma.TransactionClient | PrismaClient;

export function insertMessage(db: Tx, data: Prisma.MessageUncheckedCreateInput) {
  return db.message.create({ data });
}

const TO_SEND = {
  channel: true,
  contact: { select: { id: true, name: true, phone: true, email: true } },
  template: true,
} as const;

/** Messages with what sending them needs: each one's channel, its contact's addresses, its template. */
export function findMessagesToSend(db: Tx, { organizationId, ids }: { organizationId: string; ids: string[] }) {
  return db.message.findMany({ where: { organizationId, id: { in: ids } }, include: TO_SEND });
}
export type MessageToSend = Awaited<ReturnType<typeof findMessagesToSend>>[number];

/**
 * Puts a message the provider did not take (it answered "try again") back in the queue. Only a
 * SENDING message without a provider id moves: one the provider accepted is never sent again.
 */
export async function returnMessageToQueue(db: Tx, { organizationId, id }: { organizationId: string; id: string }) {
  const { count } = await db.message.updateMany({
    where: { organizationId, id, status: "SENDING", providerMessageId: null },
    data: { status: "QUEUED" },
  });
  return count === 1;
}

export type SendCheck = { id: string; consent: string | null; waitsForEarlier: boolean };

/**
 * For each message, in one statement: its contact's consent on its channel's kind, and whether an
 * earlier message of its conversation still waits to go (queued, or being sent and not yet taken by
 * the provider).
 */
export function findSendChecks(db: Tx, { organizationId, ids }: { organizationId: string; ids: string[] }): Promise<SendCheck[]> {
  return db.$queryRaw<SendCheck[]>`
    SELECT m."id"::text AS "id", cc."status"::text AS "consent",
           EXISTS (
             SELECT 1 FROM "Message" e
              WHERE e."organizationId" = m."organizationId" AND e."conversationId" = m."conversationId"
                AND e."direction" = 'OUTBOUND' AND e."kind" <> 'NOTE'
                AND (e."status" = 'QUEUED' OR (e."status" = 'SENDING' AND e."providerMessageId" IS NULL))
                AND e."createdAt" < m."createdAt"
           ) AS "waitsForEarlier"
      FROM "Message" m
      JOIN "Channel" ch ON ch."id" = m."channelId" AND ch."organizationId" = m."organizationId"
      LEFT JOIN "ContactConsent" cc
        ON cc."organizationId" = m."organizationId" AND cc."contactId" = m."contactId" AND cc."channel"::text = ch."kind"::text
     WHERE m."organizationId" = ${organizationId}::uuid AND m."id" = ANY(${ids}::uuid[])`;
}

/** Stores the provider's ids for several messages of one organization in one statement. */
export async function recordProviderMessageIds(
  db: Tx,
  { organizationId, entries }: { organizationId: string; entries: Array<{ id: string; providerMessageId: string }> },
): Promise<void> {
  if (entries.length === 0) return;
  await db.$executeRaw`
    UPDATE "Message" m SET "providerMessageId" = e."providerMessageId", "updatedAt" = now()
      FROM unnest(${entries.map((entry) => entry.id)}::uuid[], ${entries.map((entry) => entry.providerMessageId)}::text[]) AS e("id", "providerMessageId")
     WHERE m."organizationId" = ${organizationId}::uuid AND m."id" = e."id"`;
}

/** The message a channel holds under a provider id. */
export async function findMessageByProviderId(
  db: Tx,
  { organizationId, channelId, providerMessageId }: { organizationId: string; channelId: string; providerMessageId: string },
): Promise<{ id: string; conversationId: string; contactId: string } | null> {
  const rows = await db.$queryRaw<Array<{ id: string; conversationId: string; contactId: string }>>`
    SELECT "id", "conversationId", "contactId" FROM "Message"
     WHERE "organizationId" = ${organizationId}::uuid AND "channelId" = ${channelId}::uuid AND "providerMessageId" = ${providerMessageId}`;
  return rows[0] ?? null;
}
