// Prisma reads and writes for conversations, always scoped by organization.
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import type { ConversationVisibility } from "~/domain/conversation/conversation-access";
import { now } from "~/utils/clock";

type Tx = Prisma.TransactionClient | PrismaClient;

/** How many of `ids` are conversations of the organization that the viewer may see. */
export function countConversationsWithIds(
  db: Tx,
  { organizationId, ids, visibility = { kind: "all" } }: { organizationId: string; ids: string[]; visibility?: ConversationVisibility },
) {
  return db.conversation.count({ where: { ...visibleConversationsWhere(organizationId, visibility), id: { in: ids } } });
}

export function findConversation(db: Tx, { organizationId, id }: { organizationId: string; id: string }) {
  return db.conversation.findFirst({ where: { organizationId, id } });
}

export type ConversationRef = { id: string; contactId: string };

/** The contact's conversation on the channel, created when it has none (unique per organization, contact, channel). */
export async function ensureConversation(
  db: Tx,
  { organizationId, contactId, channelId, at = now() }: { organizationId: string; contactId: string; channelId: string; at?: Date },
): Promise<ConversationRef & { created: boolean }> {
  const find = () => db.$queryRaw<ConversationRef[]>`
    SELECT "id", "contactId" FROM "Conversation"
     WHERE "organizationId" = ${organizationId}::uuid AND "contactId" = ${contactId}::uuid AND "channelId" = ${channelId}::uuid`;
  const existing = await find();
  if (existing[0]) return { ...existing[0], created: false };
  const inserted = await db.$queryRaw<ConversationRef[]>`
    INSERT INTO "Conversation" ("organizationId", "contactId", "channelId", "lastMessageAt", "updatedAt")
    VALUES (${organizationId}::uuid, ${contactId}::uuid, ${channelId}::uuid, ${at}, ${at})
    ON CONFLICT ("organizationId", "contactId", "channelId") DO NOTHING
    RETURNING "id", "contactId"`;
  if (inserted[0]) return { ...inserted[0], created: true };
  // A concurrent delivery created it between the two statements.
  const raced = await find();
  if (!raced[0]) throw new Error("conversation vanished between insert and read");
  return { ...raced[0], created: false };
}

/** The conversation's list entry after a message we sent: newest activity, its preview, who spoke last. */
export function recordOutboundOnConversation(
  db: Tx,
  { organizationId, id, at, preview }: { organizationId: string; id: string; at: Date; preview: string },
) {
  return db.conversation.updateMany({
    where: { organizationId, id },
    data: { lastMessageAt: at, lastMessagePreview: preview.slice(0, 200), lastMessageDirection: "OUTBOUND" },
  });
}

/** The organization's conversations the viewer may see (see `conversationVisibility`). */
export function visibleConversationsWhere(organizationId: string, visibility: ConversationVisibility): Prisma.ConversationWhereInput {
  if (visibility.kind === "all") return { organizationId };
  return { organizationId, OR: [{ assigneeId: visibility.userId }, { assigneeId: null }] };
}
