// Prisma reads and writes for conversations, always scoped by organization.
import type { Prisma, PrismaClient } from "~/generated/prisma/client";

type Tx = Prisma.TransactionClient | PrismaClient;

/** How many of `ids` are conversations of the organization. */
export function countConversationsWithIds(db: Tx, { organizationId, ids }: { organizationId: string; ids: string[] }) {
  return db.conversation.count({ where: { organizationId, id: { in: ids } } });
}
