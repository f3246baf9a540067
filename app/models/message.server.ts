// Prisma reads and writes for messages, always scoped by organization. Status moves go through
// message-status.server.ts (forward only); the one step back, SENDING → QUEUED after a provider
// said "try again", is here and names its condition.
import type { Channel, Contact, ConsentStatus, Message, MessageTemplate, Prisma, PrismaClient } from "~/generated/prisma/client";

type Tx = Prisma.TransactionClient | PrismaClient;

export function insertMessage(db: Tx, data: Prisma.MessageUncheckedCreateInput) {
  return db.message.create({ data });
}

/** A message with what sending it needs: its channel, its contact's addresses, its template. */
export type MessageToSend = Pick<
  Message,
  | "id"
  | "organizationId"
  | "conversationId"
  | "contactId"
  | "channelId"
  | "direction"
  | "kind"
  | "status"
  | "body"
  | "flags"
  | "providerMessageId"
  | "templateId"
  | "templateVariables"
  | "createdAt"
> & {
  channel: Channel;
  contact: Pick<Contact, "id" | "name" | "phone" | "email">;
  template: MessageTemplate | null;
};

/** What decides, at send time, whether a message may go now. */
export type SendCheck = {
  /** The contact's consent on the message's channel kind (null: never recorded). */
  consent: ConsentStatus | null;
  /** An earlier message of its conversation still waits to go (queued, or being sent and not yet taken by the provider). */
  waitsForEarlier: boolean;
};

type Row = Omit<MessageToSend, "channel" | "template"> & SendCheck & { channel: Record<string, unknown>; template: Record<string, unknown> | null };

const withDates = <T>(row: Record<string, unknown>): T => ({ ...row, createdAt: new Date(row.createdAt as string), updatedAt: new Date(row.updatedAt as string) }) as T;

/**
 * Messages with what sending them needs and what decides whether they may go now, in one statement:
 * each one's channel, its contact's addresses, its template, its contact's consent on that channel's
 * kind, and whether an earlier message of its conversation still waits.
 */
export async function findMessagesToSend(db: Tx, { organizationId, ids }: { organizationId: string; ids: string[] }): Promise<Array<MessageToSend & SendCheck>> {
  const rows = await db.$queryRaw<Row[]>`
    SELECT m."id"::text AS "id", m."organizationId"::text AS "organizationId", m."conversationId"::text AS "conversationId",
           m."contactId"::text AS "contactId", m."channelId"::text AS "channelId", m."direction"::text AS "direction", m."kind"::text AS "kind",
           m."status"::text AS "status", m."body", m."flags", m."providerMessageId", m."templateId"::text AS "templateId",
           m."templateVariables", m."createdAt",
           to_jsonb(ch) AS "channel",
           jsonb_build_object('id', c."id", 'name', c."name", 'phone', c."phone", 'email', c."email") AS "contact",
           CASE WHEN t."id" IS NULL THEN NULL ELSE to_jsonb(t) END AS "template",
           cc."status"::text AS "consent",
           EXISTS (
             SELECT 1 FROM "Message" e
              WHERE e."organizationId" = m."organizationId" AND e."conversationId" = m."conversationId"
                AND e."direction" = 'OUTBOUND' AND e."kind" <> 'NOTE'
                AND (e."status" = 'QUEUED' OR (e."status" = 'SENDING' AND e."providerMessageId" IS NULL))
                AND e."createdAt" < m."createdAt"
           ) AS "waitsForEarlier"
      FROM "Message" m
      JOIN "Channel" ch ON ch."id" = m."channelId" AND ch."organizationId" = m."organizationId"
      JOIN "Contact" c ON c."id" = m."contactId" AND c."organizationId" = m."organizationId"
      LEFT JOIN "MessageTemplate" t ON t."id" = m."templateId" AND t."organizationId" = m."organizationId"
      LEFT JOIN "ContactConsent" cc
        ON cc."organizationId" = m."organizationId" AND cc."contactId" = m."contactId" AND cc."channel"::text = ch."kind"::text
     WHERE m."organizationId" = ${organizationId}::uuid AND m."id" = ANY(${ids}::uuid[])`;
  return rows.map((row) => ({
    ...row,
    channel: withDates<Channel>(row.channel),
    template: row.template ? withDates<MessageTemplate>(row.template) : null,
  }));
}

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

/** Which of these provider ids a channel's messages hold. */
export async function findProviderMessageIds(
  db: Tx,
  { organizationId, channelId, providerMessageIds }: { organizationId: string; channelId: string; providerMessageIds: string[] },
): Promise<string[]> {
  const rows = await db.$queryRaw<Array<{ providerMessageId: string }>>`
    SELECT "providerMessageId" FROM "Message"
     WHERE "organizationId" = ${organizationId}::uuid AND "channelId" = ${channelId}::uuid AND "providerMessageId" = ANY(${providerMessageIds}::text[])`;
  return rows.map((row) => row.providerMessageId);
}
