// Prisma reads and writes for conversations, always scoped by organization.
import type { Prisma, PrismaClient } from "~/generated/prisma/client";

type Tx = Prisma.TransactionClient | PrismaClient;

/** How many of `ids` are conversations of the organization. */
export function countConversationsWithIds(db: Tx, { organizationId, ids }: { organizationId: string; ids: string[] }) {
  return db.conversation.count({ where: { organizationId, id: { in: ids } } });
}

export function findConversation(db: Tx, { organizationId, id }: { organizationId: string; id: string }) {
  return db.conversation.findFirst({ where: { organizationId, id } });
}

/** The contact's conversation on the channel, made if there is none (two at once make one). */
export async function ensureConversation(
  db: Tx,
  { organizationId, contactId, channelId }: { organizationId: string; contactId: string; channelId: string },
) {
  await db.$executeRaw`
    INSERT INTO "Conversation" ("organizationId", "contactId", "channelId", "updatedAt")
    VALUES (${organizationId}::uuid, ${contactId}::uuid, ${channelId}::uuid, now())
    ON CONFLICT ("organizationId", "contactId", "channelId") DO NOTHING`;
  return db.conversation.findFirstOrThrow({ where: { organizationId, contactId, channelId } });
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
