// Prisma reads and writes for quick replies, always scoped by organization.
import type { Prisma, PrismaClient } from "~/generated/prisma/client";

type Tx = Prisma.TransactionClient | PrismaClient;
type Scope = { organizationId: string };

const FIELDS = { id: true, shortcut: true, title: true, body: true } satisfies Prisma.QuickReplySelect;

export function listQuickReplies(db: Tx, { organizationId }: Scope) {
  return db.quickReply.findMany({ where: { organizationId }, select: FIELDS, orderBy: { shortcut: "asc" } });
}

export function findQuickReply(db: Tx, { organizationId, id }: Scope & { id: string }) {
  return db.quickReply.findFirst({ where: { organizationId, id }, select: FIELDS });
}

export function findQuickReplyByShortcut(db: Tx, { organizationId, shortcut }: Scope & { shortcut: string }) {
  return db.quickReply.findFirst({ where: { organizationId, shortcut }, select: FIELDS });
}

export function insertQuickReply(db: Tx, { organizationId, shortcut, title, body }: Scope & { shortcut: string; title: string; body: string }) {
  return db.quickReply.create({ data: { organizationId, shortcut, title, body }, select: FIELDS });
}

export async function updateQuickReplyRow(db: Tx, { organizationId, id, shortcut, title, body }: Scope & { id: string; shortcut: string; title: string; body: string }) {
  const { count } = await db.quickReply.updateMany({ where: { organizationId, id }, data: { shortcut, title, body } });
  return count === 1;
}

export async function deleteQuickReplyRow(db: Tx, { organizationId, id }: Scope & { id: string }) {
  const { count } = await db.quickReply.deleteMany({ where: { organizationId, id } });
  return count === 1;
}
