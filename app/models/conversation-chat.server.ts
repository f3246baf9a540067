// Prisma reads and writes behind the chat page: one conversation with what its header shows, its
// read mark and its status, and a contact's conversations. Always scoped by organization.
import type { ConversationStatus, Prisma, PrismaClient } from "~/generated/prisma/client";

type Tx = Prisma.TransactionClient | PrismaClient;
type Scope = { organizationId: string };

/** The conversation with its contact's addresses, its channel (no credentials) and its assignee. */
export function findConversationForChat(db: Tx, { organizationId, id }: Scope & { id: string }) {
  return db.conversation.findFirst({
    where: { organizationId, id },
    select: {
      id: true,
      contactId: true,
      channelId: true,
      assigneeId: true,
      status: true,
      snoozedUntil: true,
      lastMessageAt: true,
      lastInboundAt: true,
      unreadCount: true,
      contact: { select: { id: true, name: true, phone: true, email: true } },
      channel: { select: { id: true, kind: true, provider: true, name: true, address: true, enabled: true } },
      assignee: { select: { id: true, name: true } },
    },
  });
}
export type ChatConversation = NonNullable<Awaited<ReturnType<typeof findConversationForChat>>>;

/** Sets the unread count to zero; true when it was not zero already. */
export async function clearUnreadCount(db: Tx, { organizationId, id }: Scope & { id: string }): Promise<boolean> {
  const { count } = await db.conversation.updateMany({ where: { organizationId, id, unreadCount: { gt: 0 } }, data: { unreadCount: 0 } });
  return count === 1;
}

export async function updateConversationStatus(
  db: Tx,
  { organizationId, id, status, snoozedUntil }: Scope & { id: string; status: ConversationStatus; snoozedUntil: Date | null },
): Promise<boolean> {
  const { count } = await db.conversation.updateMany({ where: { organizationId, id }, data: { status, snoozedUntil } });
  return count === 1;
}

/**
 * Opens a conversation that is still snoozed until exactly `snoozedUntil` (not reopened, not snoozed
 * again since): one conditional statement, so a member's change at the same moment wins or loses whole.
 * True when it was this call that opened it.
 */
export async function openSnoozedConversation(db: Tx, { organizationId, id, snoozedUntil }: Scope & { id: string; snoozedUntil: Date }): Promise<boolean> {
  const { count } = await db.conversation.updateMany({
    where: { organizationId, id, status: "SNOOZED", snoozedUntil },
    data: { status: "OPEN", snoozedUntil: null },
  });
  return count === 1;
}

/** A contact's conversations, newest activity first, with their channel. */
export function listContactConversations(db: Tx, { organizationId, contactId, where }: Scope & { contactId: string; where: Prisma.ConversationWhereInput }) {
  return db.conversation.findMany({
    where: { AND: [where, { organizationId, contactId }] },
    select: {
      id: true,
      status: true,
      lastMessageAt: true,
      lastMessagePreview: true,
      lastMessageDirection: true,
      unreadCount: true,
      channel: { select: { id: true, kind: true, name: true } },
    },
    orderBy: [{ lastMessageAt: "desc" }, { id: "desc" }],
    take: 20,
  });
}

/** The organization's switched-on channels a conversation can be started on. */
export function listEnabledChannels(db: Tx, { organizationId }: Scope) {
  return db.channel.findMany({
    where: { organizationId, enabled: true },
    select: { id: true, kind: true, name: true },
    orderBy: [{ kind: "asc" }, { name: "asc" }],
  });
}

/** The contact's conversation on a channel, if there is one (only who it is assigned to). */
export function findContactChannelConversation(db: Tx, { organizationId, contactId, channelId }: Scope & { contactId: string; channelId: string }) {
  return db.conversation.findFirst({ where: { organizationId, contactId, channelId }, select: { id: true, assigneeId: true } });
}
