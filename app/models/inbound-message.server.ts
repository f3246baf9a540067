// Prisma reads and writes for a message arriving from a customer, always scoped by organization.
// Each write is one statement that a concurrent delivery of the same message cannot double: the
// contact, the conversation and the message are inserted with ON CONFLICT DO NOTHING against their
// unique keys and read back when someone else won.
import { Prisma, type ChannelKind, type ContactSource, type PrismaClient } from "~/generated/prisma/client";
import type { MessageFlag } from "~/domain/conversation/opt-out-keywords";
import type { MessageMedia } from "~/domain/conversation/message-preview";
import type { ConversationRef } from "~/models/conversation.server";

type Tx = Prisma.TransactionClient | PrismaClient;
type Scope = { organizationId: string };

export type SenderContact = { id: string; name: string };

/** The sender's contact rows (own phone or email, or one kept from a merge), as SQL for a lookup. */
function senderContactSql({ organizationId, phone, email }: Scope & { phone: string | null; email: string | null }): Prisma.Sql {
  return phone
    ? Prisma.sql`
        SELECT c."id", c."name" FROM "Contact" c
         WHERE c."organizationId" = ${organizationId}::uuid AND c."phone" = ${phone}
        UNION ALL
        SELECT c."id", c."name" FROM "ContactIdentity" i
          JOIN "Contact" c ON c."id" = i."contactId" AND c."organizationId" = i."organizationId"
         WHERE i."organizationId" = ${organizationId}::uuid AND i."kind" = 'PHONE' AND i."value" = ${phone}
        LIMIT 1`
    : Prisma.sql`
        SELECT c."id", c."name" FROM "Contact" c
         WHERE c."organizationId" = ${organizationId}::uuid AND lower(c."email") = ${email} AND c."email" IS NOT NULL
        UNION ALL
        SELECT c."id", c."name" FROM "ContactIdentity" i
          JOIN "Contact" c ON c."id" = i."contactId" AND c."organizationId" = i."organizationId"
         WHERE i."organizationId" = ${organizationId}::uuid AND i."kind" = 'EMAIL' AND i."value" = ${email}
        LIMIT 1`;
}

/** The contact with this phone (E.164) or email (lowercased), its own or kept from a merge. */
export async function findContactOfSender(
  db: Tx,
  identity: Scope & { phone: string | null; email: string | null },
): Promise<SenderContact | null> {
  const rows = await db.$queryRaw<SenderContact[]>`${senderContactSql(identity)}`;
  return rows[0] ?? null;
}

/**
 * The sender's contact (as findContactOfSender) and their conversation on the channel, in one
 * statement; the conversation is null when they have none there yet.
 */
export async function findSenderConversation(
  db: Tx,
  { channelId, ...identity }: Scope & { channelId: string; phone: string | null; email: string | null },
): Promise<{ contact: SenderContact; conversation: ConversationRef | null } | null> {
  const rows = await db.$queryRaw<Array<{ id: string; name: string; conversationId: string | null }>>`
    SELECT s."id", s."name", cv."id" AS "conversationId"
      FROM (${senderContactSql(identity)}) s
      LEFT JOIN "Conversation" cv
        ON cv."organizationId" = ${identity.organizationId}::uuid AND cv."contactId" = s."id" AND cv."channelId" = ${channelId}::uuid`;
  const row = rows[0];
  if (!row) return null;
  return { contact: { id: row.id, name: row.name }, conversation: row.conversationId ? { id: row.conversationId, contactId: row.id } : null };
}

/** Inserts a contact for a new sender; null when a concurrent delivery inserted it first (read it then). */
export async function insertSenderContact(
  db: Tx,
  input: Scope & { name: string; phone: string | null; email: string | null; source: ContactSource; at: Date },
): Promise<SenderContact | null> {
  const conflict = input.phone
    ? Prisma.sql`ON CONFLICT ("organizationId", "phone") DO NOTHING`
    : Prisma.sql`ON CONFLICT ("organizationId", lower("email")) WHERE "email" IS NOT NULL DO NOTHING`;
  const rows = await db.$queryRaw<SenderContact[]>`
    INSERT INTO "Contact" ("organizationId", "name", "phone", "email", "source", "lastActivityAt", "updatedAt")
    VALUES (${input.organizationId}::uuid, ${input.name}, ${input.phone}, ${input.email}, ${input.source}::"ContactSource", ${input.at}, ${input.at})
    ${conflict}
    RETURNING "id", "name"`;
  return rows[0] ?? null;
}

/** The conversation of a message on `channelId` whose provider id is one of `providerMessageIds` (email threading). */
export async function findConversationOfProviderMessage(
  db: Tx,
  { organizationId, channelId, providerMessageIds }: Scope & { channelId: string; providerMessageIds: string[] },
): Promise<ConversationRef | null> {
  if (providerMessageIds.length === 0) return null;
  const rows = await db.$queryRaw<ConversationRef[]>`
    SELECT m."conversationId" AS "id", m."contactId" FROM "Message" m
     WHERE m."organizationId" = ${organizationId}::uuid AND m."channelId" = ${channelId}::uuid
       AND m."providerMessageId" = ANY(${providerMessageIds}::text[])
     ORDER BY array_position(${providerMessageIds}::text[], m."providerMessageId"::text)
     LIMIT 1`;
  return rows[0] ?? null;
}

export type InboundMessageRow = Scope & {
  conversationId: string;
  contactId: string;
  channelId: string;
  kind: "TEXT" | "MEDIA";
  body: string;
  html: string | null;
  subject: string | null;
  media: MessageMedia[];
  flags: MessageFlag[];
  providerMessageId: string;
  sentAt: Date;
};

/**
 * The stored message, with what its UPDATE of the conversation (which locks the row until commit) saw:
 * who has the conversation, and the contact's name.
 */
export type StoredInboundMessage = { id: string; assigneeId: string | null; contactName: string | null };

/**
 * Stores an inbound message and, when it is new, counts it where it shows, in one statement: on the
 * conversation one more unread, the customer's latest message (the WhatsApp window runs from it),
 * the preview and direction when it is the newest, and a resolved or snoozed conversation open
 * again; on the contact one more message and something happened with them. Null when the channel
 * already holds this provider id (a repeated delivery: nothing changes).
 */
export async function storeInboundMessage(
  db: Tx,
  row: InboundMessageRow & { preview: string; at: Date },
): Promise<StoredInboundMessage | null> {
  const rows = await db.$queryRaw<StoredInboundMessage[]>`
    WITH message AS (
      INSERT INTO "Message" ("organizationId", "conversationId", "contactId", "channelId", "direction", "kind", "status",
                             "body", "html", "subject", "media", "flags", "providerMessageId", "sentAt", "updatedAt")
      VALUES (${row.organizationId}::uuid, ${row.conversationId}::uuid, ${row.contactId}::uuid, ${row.channelId}::uuid,
              'INBOUND', ${row.kind}::"MessageKind", 'RECEIVED', ${row.body}, ${row.html}, ${row.subject},
              ${JSON.stringify(row.media)}::jsonb, ${JSON.stringify(row.flags)}::jsonb, ${row.providerMessageId}, ${row.sentAt}, now())
      ON CONFLICT ("channelId", "providerMessageId") DO NOTHING
      RETURNING "id"
    ), conversation AS (
      UPDATE "Conversation" c
         SET "unreadCount" = c."unreadCount" + 1,
             "lastInboundAt" = GREATEST(c."lastInboundAt", ${row.sentAt}),
             "lastMessagePreview" = CASE WHEN ${row.sentAt} >= c."lastMessageAt" THEN ${row.preview} ELSE c."lastMessagePreview" END,
             "lastMessageDirection" = CASE WHEN ${row.sentAt} >= c."lastMessageAt" THEN 'INBOUND'::"MessageDirection" ELSE c."lastMessageDirection" END,
             "lastMessageAt" = GREATEST(c."lastMessageAt", ${row.sentAt}),
             "status" = CASE WHEN c."status" IN ('RESOLVED', 'SNOOZED') THEN 'OPEN'::"ConversationStatus" ELSE c."status" END,
             "snoozedUntil" = CASE WHEN c."status" IN ('RESOLVED', 'SNOOZED') THEN NULL ELSE c."snoozedUntil" END,
             "updatedAt" = now()
       WHERE c."organizationId" = ${row.organizationId}::uuid AND c."id" = ${row.conversationId}::uuid AND EXISTS (SELECT 1 FROM message)
       RETURNING c."id", c."assigneeId"
    ), contact AS (
      UPDATE "Contact" c
         SET "messageCount" = c."messageCount" + 1,
             "lastMessageAt" = GREATEST(c."lastMessageAt", ${row.sentAt}),
             "lastActivityAt" = GREATEST(c."lastActivityAt", ${row.at})
       WHERE c."organizationId" = ${row.organizationId}::uuid AND c."id" = ${row.contactId}::uuid AND EXISTS (SELECT 1 FROM message)
       RETURNING c."id", c."name"
    )
    -- PostgreSQL runs every data-modifying WITH to completion, read or not.
    SELECT message."id", conversation."assigneeId", contact."name" AS "contactName"
      FROM message LEFT JOIN conversation ON true LEFT JOIN contact ON true`;
  return rows[0] ?? null;
}

/** Which contact source a channel's new senders get. */
export function sourceOfChannelKind(kind: ChannelKind): ContactSource {
  return kind;
}
