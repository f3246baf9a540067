// Reads for the phone simulator, always scoped by organization: the channels it can write on, the
// customers to pick from, and a conversation as the customer sees it (no internal notes).
import type { Prisma, PrismaClient } from "~/generated/prisma/client";

type Tx = Prisma.TransactionClient | PrismaClient;
type Scope = { organizationId: string };

/** The simulator writes as a customer on sandbox channels only: nothing it causes reaches a real phone or inbox. */
export function listSimulatorChannels(db: Tx, { organizationId }: Scope) {
  return db.channel.findMany({
    where: { organizationId, provider: "SANDBOX", enabled: true },
    select: { id: true, kind: true, name: true, address: true },
    orderBy: [{ kind: "asc" }, { name: "asc" }, { id: "asc" }],
  });
}

export const SIMULATOR_CONTACT_LIMIT = 50;

/** The most recently active contacts with a phone or an email, to write as. */
export function listSimulatorContacts(db: Tx, { organizationId }: Scope) {
  return db.contact.findMany({
    where: { organizationId, OR: [{ phone: { not: null } }, { email: { not: null } }] },
    select: { id: true, name: true, phone: true, email: true },
    orderBy: [{ lastActivityAt: "desc" }, { id: "asc" }],
    take: SIMULATOR_CONTACT_LIMIT,
  });
}

export function findSimulatorContact(db: Tx, { organizationId, id }: Scope & { id: string }) {
  return db.contact.findFirst({ where: { organizationId, id }, select: { id: true, name: true, phone: true, email: true } });
}

export function findConversationOnChannel(db: Tx, { organizationId, contactId, channelId }: Scope & { contactId: string; channelId: string }) {
  return db.conversation.findFirst({ where: { organizationId, contactId, channelId }, select: { id: true, assigneeId: true, contactId: true } });
}

export const CUSTOMER_THREAD_LIMIT = 30;

/** The last messages both ways, oldest first, as the customer's phone shows them: no internal notes. */
export async function listCustomerThread(db: Tx, { organizationId, conversationId }: Scope & { conversationId: string }) {
  const newest = await db.message.findMany({
    where: { organizationId, conversationId, kind: { not: "NOTE" } },
    select: { id: true, direction: true, kind: true, status: true, body: true, subject: true, media: true, createdAt: true, errorMessage: true, providerMessageId: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: CUSTOMER_THREAD_LIMIT,
  });
  return newest.reverse();
}

/** The provider id of the newest message we sent in the conversation (an email reply names it in In-Reply-To). */
export async function findLastOutboundProviderId(db: Tx, { organizationId, conversationId }: Scope & { conversationId: string }) {
  const message = await db.message.findFirst({
    where: { organizationId, conversationId, direction: "OUTBOUND", providerMessageId: { not: null } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { providerMessageId: true },
  });
  return message?.providerMessageId ?? null;
}
