// Prisma reads and writes for messages, always scoped by organization. Status moves go through
// message-status.server.ts (forward only); the one step back, SENDING → QUEUED after a provider
// said "try again", is here and names its condition.
import type { Prisma, PrismaClient } from "~/generated/prisma/client";

type Tx = Prisma.TransactionClient | PrismaClient;

export function insertMessage(db: Tx, data: Prisma.MessageUncheckedCreateInput) {
  return db.message.create({ data });
}

/** A message with what sending it needs: its channel, its contact's addresses, its template. */
export function findMessageToSend(db: Tx, { organizationId, id }: { organizationId: string; id: string }) {
  return db.message.findFirst({
    where: { organizationId, id },
    include: {
      channel: true,
      contact: { select: { id: true, name: true, phone: true, email: true } },
      template: true,
    },
  });
}
export type MessageToSend = NonNullable<Awaited<ReturnType<typeof findMessageToSend>>>;

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

/** Stores the provider's id for a message (Twilio's SID, an email's Message-ID) so its callbacks find it. */
export function recordProviderMessageId(db: Tx, { organizationId, id, providerMessageId }: { organizationId: string; id: string; providerMessageId: string }) {
  return db.message.updateMany({ where: { organizationId, id }, data: { providerMessageId } });
}

/** Whether an earlier message of the conversation still waits to go: queued, or being sent and not yet taken by the provider. */
export async function hasEarlierUnsentMessage(
  db: Tx,
  { organizationId, conversationId, createdAt }: { organizationId: string; conversationId: string; createdAt: Date },
): Promise<boolean> {
  const earlier = await db.message.findFirst({
    where: {
      organizationId,
      conversationId,
      direction: "OUTBOUND",
      kind: { not: "NOTE" },
      OR: [{ status: "QUEUED" }, { status: "SENDING", providerMessageId: null }],
      createdAt: { lt: createdAt },
    },
    select: { id: true },
  });
  return earlier !== null;
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

