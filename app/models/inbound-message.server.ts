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

/** The contact with this phone (E.164) or email (lowercased), its own or kept from a merge. */
export async function findContactOfSender(
  db: Tx,
  { organizationId, phone, email }: Scope & { phone: string | null; email: string | null },
): Promise<SenderContact | null> {
  const rows = phone
    ? await db.$queryRaw<SenderContact[]>`
        SELECT c."id", c."name" FROM "Contact" c
         WHERE c."organizationId" = ${organizationId}::uuid AND c."phone" = ${phone}
        UNION ALL
        SELECT c."id", c."name" FROM "ContactIdentity" i
          JOIN "Contact" c ON c."id" = i."contactId" AND c."organizationId" = i."organizationId"
         WHERE i."organizationId" = ${organizationId}::uuid AND i."kind" = 'PHONE' AND i."value" = ${phone}
        LIMIT 1`
    : await db.$queryRaw<SenderContact[]>`
        SELECT c."id", c."name" FROM "Contact" c
         WHERE c."organizationId" = ${organizationId}::uuid AND lower(c."email") = ${email} AND c."email" IS NOT NULL
        UNION ALL
        SELECT c."id", c."name" FROM "ContactIdentity" i
          JOIN "Contact" c ON c."id" = i."contactId" AND c."organizationId" = i."organizationId"
         WHERE i."organizationId" = ${organizationId}::uuid AND i."kind" = 'EMAIL' AND i."value" = ${email}
        LIMIT 1`;
  return rows[0] ?? null;
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

/** Inserts an inbound message; null when the channel already holds this provider id (a repeated delivery). */
export async function insertInboundMessage(db: Tx, row: InboundMessageRow): Promise<{ id: string } | null> {
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    INSERT INTO "Message" ("organizationId", "conversationId", "contactId", "channelId", "direction", "kind", "status",
                           "body", "html", "subject", "media", "flags", "providerMessageId", "sentAt", "updatedAt")
    VALUES (${row.organizationId}::uuid, ${row.conversationId}::uuid, ${row.contactId}::uuid, ${row.channelId}::uuid,
            'INBOUND', ${row.kind}::"MessageKind", 'RECEIVED', ${row.body}, ${row.html}, ${row.subject},
            ${JSON.stringify(row.media)}::jsonb, ${JSON.stringify(row.flags)}::jsonb, ${row.providerMessageId}, ${row.sentAt}, now())
    ON CONFLICT ("channelId", "providerMessageId") DO NOTHING
    RETURNING "id"`;
  return rows[0] ?? null;
}

/**
 * A new inbound message on the conversation: one more unread, the customer's latest message (the
 * WhatsApp window runs from it), the preview and direction when it is the newest, and a resolved or
 * snoozed conversation open again.
 */
export async function recordInboundOnConversation(
  db: Tx,
  { organizationId, conversationId, preview, sentAt }: Scope & { conversationId: string; preview: string; sentAt: Date },
): Promise<void> {
  await db.$executeRaw`
    UPDATE "Conversation" c
       SET "unreadCount" = c."unreadCount" + 1,
           "lastInboundAt" = GREATEST(c."lastInboundAt", ${sentAt}),
           "lastMessagePreview" = CASE WHEN ${sentAt} >= c."lastMessageAt" THEN ${preview} ELSE c."lastMessagePreview" END,
           "lastMessageDirection" = CASE WHEN ${sentAt} >= c."lastMessageAt" THEN 'INBOUND'::"MessageDirection" ELSE c."lastMessageDirection" END,
           "lastMessageAt" = GREATEST(c."lastMessageAt", ${sentAt}),
           "status" = CASE WHEN c."status" IN ('RESOLVED', 'SNOOZED') THEN 'OPEN'::"ConversationStatus" ELSE c."status" END,
           "snoozedUntil" = CASE WHEN c."status" IN ('RESOLVED', 'SNOOZED') THEN NULL ELSE c."snoozedUntil" END,
           "updatedAt" = now()
     WHERE c."organizationId" = ${organizationId}::uuid AND c."id" = ${conversationId}::uuid`;
}

/** A message from the contact: one more message, and something happened with them. */
export async function recordInboundOnContact(
  db: Tx,
  { organizationId, contactId, sentAt, at }: Scope & { contactId: string; sentAt: Date; at: Date },
): Promise<void> {
  await db.$executeRaw`
    UPDATE "Contact" c
       SET "messageCount" = c."messageCount" + 1,
           "lastMessageAt" = GREATEST(c."lastMessageAt", ${sentAt}),
           "lastActivityAt" = GREATEST(c."lastActivityAt", ${at})
     WHERE c."organizationId" = ${organizationId}::uuid AND c."id" = ${contactId}::uuid`;
}

/** Which contact source a channel's new senders get. */
export function sourceOfChannelKind(kind: ChannelKind): ContactSource {
  return kind;
}
