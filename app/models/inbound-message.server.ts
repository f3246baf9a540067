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

// Set-based twins of the statements above, for a batch of messages received in one transaction
// (receiveMessages): each is one statement for the whole batch, with the same rules.

export type SenderOnChannel = { channelId: string; phone: string };

export type FoundSender = SenderOnChannel & { contactId: string; contactName: string; conversationId: string | null };

/**
 * findSenderConversation for many phone senders at once: each sender's contact (own phone first, else a
 * phone kept from a merge) and their conversation on the channel (null when they have none there yet).
 * Senders with no contact are left out.
 */
export async function findSendersConversations(db: Tx, { organizationId, senders }: Scope & { senders: SenderOnChannel[] }): Promise<FoundSender[]> {
  if (senders.length === 0) return [];
  return db.$queryRaw<FoundSender[]>`
    WITH wanted AS (
      SELECT DISTINCT w."channelId", w."phone"
        FROM unnest(${senders.map((sender) => sender.channelId)}::uuid[], ${senders.map((sender) => sender.phone)}::text[]) AS w("channelId", "phone")
    ), matched AS (
      SELECT DISTINCT ON (w."channelId", w."phone") w."channelId", w."phone", s."id", s."name"
        FROM wanted w
        CROSS JOIN LATERAL (
          SELECT c."id", c."name", 0 AS rank FROM "Contact" c
           WHERE c."organizationId" = ${organizationId}::uuid AND c."phone" = w."phone"
          UNION ALL
          SELECT c."id", c."name", 1 AS rank FROM "ContactIdentity" i
            JOIN "Contact" c ON c."id" = i."contactId" AND c."organizationId" = i."organizationId"
           WHERE i."organizationId" = ${organizationId}::uuid AND i."kind" = 'PHONE' AND i."value" = w."phone"
        ) s
       ORDER BY w."channelId", w."phone", s.rank
    )
    SELECT m."channelId"::text AS "channelId", m."phone", m."id"::text AS "contactId", m."name" AS "contactName", cv."id"::text AS "conversationId"
      FROM matched m
      LEFT JOIN "Conversation" cv
        ON cv."organizationId" = ${organizationId}::uuid AND cv."contactId" = m."id" AND cv."channelId" = m."channelId"`;
}

/**
 * insertSenderContact for many new phone senders (in phone order, so two batches wait on each other's
 * new contacts in one order): the contacts inserted; a phone a concurrent delivery inserted first is left
 * out (read it then).
 */
export async function insertSenderContacts(
  db: Tx,
  { organizationId, contacts, at }: Scope & { contacts: Array<{ phone: string; name: string; source: ContactSource }>; at: Date },
): Promise<Array<{ id: string; name: string; phone: string }>> {
  if (contacts.length === 0) return [];
  const sorted = [...contacts].sort((a, b) => (a.phone < b.phone ? -1 : a.phone > b.phone ? 1 : 0));
  return db.$queryRaw<Array<{ id: string; name: string; phone: string }>>`
    INSERT INTO "Contact" ("organizationId", "name", "phone", "source", "lastActivityAt", "updatedAt")
    SELECT ${organizationId}::uuid, n."name", n."phone", n."source"::"ContactSource", ${at}, ${at}
      FROM unnest(${sorted.map((contact) => contact.name)}::text[], ${sorted.map((contact) => contact.phone)}::text[],
                  ${sorted.map((contact) => contact.source)}::text[]) WITH ORDINALITY AS n("name", "phone", "source", position)
     ORDER BY n.position
    ON CONFLICT ("organizationId", "phone") DO NOTHING
    RETURNING "id"::text AS "id", "name", "phone"`;
}

/**
 * ensureConversation for many contacts on channels at once (each created with `at` as its first
 * activity): every asked conversation, created or found.
 */
export async function ensureConversations(
  db: Tx,
  { organizationId, conversations }: Scope & { conversations: Array<{ contactId: string; channelId: string; at: Date }> },
): Promise<Array<ConversationRef & { channelId: string }>> {
  if (conversations.length === 0) return [];
  const sorted = [...conversations].sort((a, b) => compareKeys(`${a.contactId}:${a.channelId}`, `${b.contactId}:${b.channelId}`));
  const contactIds = sorted.map((row) => row.contactId);
  const channelIds = sorted.map((row) => row.channelId);
  const inserted = await db.$queryRaw<Array<ConversationRef & { channelId: string }>>`
    INSERT INTO "Conversation" ("organizationId", "contactId", "channelId", "lastMessageAt", "updatedAt")
    SELECT ${organizationId}::uuid, n."contactId", n."channelId", n."at", n."at"
      FROM unnest(${contactIds}::uuid[], ${channelIds}::uuid[], ${sorted.map((row) => row.at)}::timestamptz[]) WITH ORDINALITY
           AS n("contactId", "channelId", "at", position)
     ORDER BY n.position
    ON CONFLICT ("organizationId", "contactId", "channelId") DO NOTHING
    RETURNING "id"::text AS "id", "contactId"::text AS "contactId", "channelId"::text AS "channelId"`;
  if (inserted.length === sorted.length) return inserted;
  // Concurrent deliveries created some between our read and this insert.
  return db.$queryRaw<Array<ConversationRef & { channelId: string }>>`
    SELECT cv."id"::text AS "id", cv."contactId"::text AS "contactId", cv."channelId"::text AS "channelId"
      FROM unnest(${contactIds}::uuid[], ${channelIds}::uuid[]) AS n("contactId", "channelId")
      JOIN "Conversation" cv ON cv."organizationId" = ${organizationId}::uuid AND cv."contactId" = n."contactId" AND cv."channelId" = n."channelId"`;
}

/**
 * Locks the conversations (as the store's UPDATE would) in id order, so two batches that share
 * conversations take them one after the other instead of deadlocking.
 */
export async function lockConversationsForInbound(db: Tx, { organizationId, ids }: Scope & { ids: string[] }): Promise<void> {
  if (ids.length === 0) return;
  await db.$queryRaw`
    SELECT 1 FROM "Conversation"
     WHERE "organizationId" = ${organizationId}::uuid AND "id" = ANY(${ids}::uuid[])
     ORDER BY "id"
       FOR NO KEY UPDATE`;
}

export type StoredInboundMessages = Array<{
  /** The row's position in the call's `rows`. */
  position: number;
  id: string;
  conversationId: string;
  contactId: string;
  assigneeId: string | null;
  contactName: string | null;
}>;

/**
 * storeInboundMessage for many messages in one statement, as if stored one after another in `rows`'
 * order: the new ones inserted (a provider id the channel holds already, or repeated in `rows`, is
 * stored once), and each conversation and contact counted once for all its new messages — one more
 * unread per message, the latest customer message, the preview and direction of the newest (the
 * later in `rows` of two at the same instant), a resolved or snoozed conversation open again; the
 * contact's message count and latest activity. Answers the rows inserted.
 */
export async function storeInboundMessages(
  db: Tx,
  { organizationId, rows, at }: Scope & { rows: Array<Omit<InboundMessageRow, "organizationId"> & { preview: string }>; at: Date },
): Promise<StoredInboundMessages> {
  if (rows.length === 0) return [];
  const records = rows.map((row, position) => ({
    position,
    conversationId: row.conversationId,
    contactId: row.contactId,
    channelId: row.channelId,
    kind: row.kind,
    body: row.body,
    html: row.html,
    subject: row.subject,
    media: row.media,
    flags: row.flags,
    providerMessageId: row.providerMessageId,
    sentAt: row.sentAt.toISOString(),
    preview: row.preview,
  }));
  return db.$queryRaw<StoredInboundMessages>`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(records)}::jsonb) AS r(
        "position" int, "conversationId" uuid, "contactId" uuid, "channelId" uuid, "kind" text, "body" text, "html" text,
        "subject" text, "media" jsonb, "flags" jsonb, "providerMessageId" text, "sentAt" timestamptz, "preview" text)
    ), message AS (
      INSERT INTO "Message" ("organizationId", "conversationId", "contactId", "channelId", "direction", "kind", "status",
                             "body", "html", "subject", "media", "flags", "providerMessageId", "sentAt", "updatedAt")
      SELECT ${organizationId}::uuid, i."conversationId", i."contactId", i."channelId", 'INBOUND', i."kind"::"MessageKind", 'RECEIVED',
             i."body", i."html", i."subject", i."media", i."flags", i."providerMessageId", i."sentAt", now()
        FROM input i
       ORDER BY i."position"
      ON CONFLICT ("channelId", "providerMessageId") DO NOTHING
      RETURNING "id", "channelId", "providerMessageId"
    ), stored AS (
      -- A provider id twice in the input is inserted once, by its first row.
      SELECT DISTINCT ON (m."id") m."id", i.*
        FROM message m JOIN input i ON i."channelId" = m."channelId" AND i."providerMessageId" = m."providerMessageId"
       ORDER BY m."id", i."position"
    ), per_conversation AS (
      SELECT s."conversationId", count(*)::int AS "count", max(s."sentAt") AS "newestAt",
             (array_agg(s."preview" ORDER BY s."sentAt" DESC, s."position" DESC))[1] AS "preview"
        FROM stored s GROUP BY s."conversationId"
    ), conversation AS (
      UPDATE "Conversation" c
         SET "unreadCount" = c."unreadCount" + p."count",
             "lastInboundAt" = GREATEST(c."lastInboundAt", p."newestAt"),
             "lastMessagePreview" = CASE WHEN p."newestAt" >= c."lastMessageAt" THEN p."preview" ELSE c."lastMessagePreview" END,
             "lastMessageDirection" = CASE WHEN p."newestAt" >= c."lastMessageAt" THEN 'INBOUND'::"MessageDirection" ELSE c."lastMessageDirection" END,
             "lastMessageAt" = GREATEST(c."lastMessageAt", p."newestAt"),
             "status" = CASE WHEN c."status" IN ('RESOLVED', 'SNOOZED') THEN 'OPEN'::"ConversationStatus" ELSE c."status" END,
             "snoozedUntil" = CASE WHEN c."status" IN ('RESOLVED', 'SNOOZED') THEN NULL ELSE c."snoozedUntil" END,
             "updatedAt" = now()
        FROM per_conversation p
       WHERE c."organizationId" = ${organizationId}::uuid AND c."id" = p."conversationId"
       RETURNING c."id", c."assigneeId"
    ), per_contact AS (
      SELECT s."contactId", count(*)::int AS "count", max(s."sentAt") AS "newestAt" FROM stored s GROUP BY s."contactId"
    ), contact AS (
      UPDATE "Contact" c
         SET "messageCount" = c."messageCount" + p."count",
             "lastMessageAt" = GREATEST(c."lastMessageAt", p."newestAt"),
             "lastActivityAt" = GREATEST(c."lastActivityAt", ${at})
        FROM per_contact p
       WHERE c."organizationId" = ${organizationId}::uuid AND c."id" = p."contactId"
       RETURNING c."id", c."name"
    )
    SELECT s."position", s."id"::text AS "id", s."conversationId"::text AS "conversationId", s."contactId"::text AS "contactId",
           cv."assigneeId"::text AS "assigneeId", ct."name" AS "contactName"
      FROM stored s
      LEFT JOIN conversation cv ON cv."id" = s."conversationId"
      LEFT JOIN contact ct ON ct."id" = s."contactId"
     ORDER BY s."position"`;
}

/** findMessageByProviderId for several provider ids of channels at once. */
export async function findMessagesByProviderIds(
  db: Tx,
  { organizationId, messages }: Scope & { messages: Array<{ channelId: string; providerMessageId: string }> },
): Promise<Array<{ id: string; channelId: string; providerMessageId: string; conversationId: string; contactId: string }>> {
  if (messages.length === 0) return [];
  return db.$queryRaw`
    SELECT m."id"::text AS "id", m."channelId"::text AS "channelId", m."providerMessageId", m."conversationId"::text AS "conversationId",
           m."contactId"::text AS "contactId"
      FROM unnest(${messages.map((message) => message.channelId)}::uuid[], ${messages.map((message) => message.providerMessageId)}::text[])
           AS w("channelId", "providerMessageId")
      JOIN "Message" m ON m."organizationId" = ${organizationId}::uuid AND m."channelId" = w."channelId" AND m."providerMessageId" = w."providerMessageId"`;
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
