// A conversation's messages, newest first, a page at a time (keyset on (createdAt, id), served by
// the index Message(organizationId, conversationId, createdAt, id): the range starts at the cursor,
// so page 300 costs what page 1 does).
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import type { MessageCursor } from "~/domain/conversation/message-cursor";

type Tx = Prisma.TransactionClient | PrismaClient;

const MESSAGE_FIELDS = {
  id: true,
  direction: true,
  kind: true,
  status: true,
  body: true,
  media: true,
  subject: true,
  html: true,
  flags: true,
  actorLabel: true,
  errorCode: true,
  errorMessage: true,
  createdAt: true,
  sentAt: true,
  deliveredAt: true,
  readAt: true,
  failedAt: true,
  author: { select: { id: true, name: true } },
  template: { select: { id: true, name: true } },
} satisfies Prisma.MessageSelect;

export type ListedMessage = Prisma.MessageGetPayload<{ select: typeof MESSAGE_FIELDS }>;

/**
 * Up to `limit` messages of the conversation before `before` (or the newest), newest first, and
 * whether older ones remain.
 */
export async function listConversationMessages(
  db: Tx,
  { organizationId, conversationId, before, limit }: { organizationId: string; conversationId: string; before: MessageCursor | null; limit: number },
): Promise<{ messages: ListedMessage[]; hasOlder: boolean }> {
  // `createdAt <= cursor` bounds the index range; the OR only drops the cursor's own millisecond's later ids.
  const where: Prisma.MessageWhereInput = before
    ? {
        organizationId,
        conversationId,
        createdAt: { lte: before.createdAt },
        OR: [{ createdAt: { lt: before.createdAt } }, { id: { lt: before.id } }],
      }
    : { organizationId, conversationId };
  const rows = await db.message.findMany({
    where,
    select: MESSAGE_FIELDS,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  return { messages: rows.slice(0, limit), hasOlder: rows.length > limit };
}
