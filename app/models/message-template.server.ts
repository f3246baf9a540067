// Prisma reads for message templates, always scoped by organization.
import type { ChannelKind, Prisma, PrismaClient } from "~/generated/prisma/client";

type Tx = Prisma.TransactionClient | PrismaClient;

/** A template of the organization by id, or by name for a channel kind (the newest language first). */
export function findMessageTemplate(
  db: Tx,
  { organizationId, channelKind, id, name }: { organizationId: string; channelKind: ChannelKind; id?: string; name?: string },
) {
  if (id) return findMessageTemplateById(db, { organizationId, id });
  return db.messageTemplate.findFirst({ where: { organizationId, channelKind, name }, orderBy: { updatedAt: "desc" } });
}

/** The organization's templates, by channel, name and language. */
export function listMessageTemplates(db: Tx, { organizationId, channelKind }: { organizationId: string; channelKind?: ChannelKind }) {
  return db.messageTemplate.findMany({
    where: { organizationId, ...(channelKind ? { channelKind } : {}) },
    orderBy: [{ channelKind: "asc" }, { name: "asc" }, { language: "asc" }, { id: "asc" }],
  });
}

/** The approved templates for a channel kind, for the composer's picker. */
export function listApprovedTemplates(db: Tx, { organizationId, channelKind }: { organizationId: string; channelKind: ChannelKind }) {
  return db.messageTemplate.findMany({
    where: { organizationId, channelKind, approvalStatus: "APPROVED" },
    select: { id: true, name: true, language: true, body: true },
    orderBy: [{ name: "asc" }, { language: "asc" }],
  });
}

export type MessageTemplateRow = Pick<
  Prisma.MessageTemplateUncheckedCreateInput,
  "name" | "channelKind" | "language" | "category" | "body" | "approvalStatus" | "contentSid"
>;

export function insertMessageTemplate(db: Tx, { organizationId, ...row }: MessageTemplateRow & { organizationId: string }) {
  return db.messageTemplate.create({ data: { organizationId, ...row } });
}

/** Updates one of the organization's templates; the number of rows changed (0: not the organization's). */
export async function updateMessageTemplateRow(db: Tx, { organizationId, id, ...row }: MessageTemplateRow & { organizationId: string; id: string }) {
  const { count } = await db.messageTemplate.updateMany({ where: { organizationId, id }, data: row });
  return count;
}

/** Deletes one of the organization's templates (messages sent from it keep their text); the number deleted. */
export async function deleteMessageTemplateRow(db: Tx, { organizationId, id }: { organizationId: string; id: string }) {
  const { count } = await db.messageTemplate.deleteMany({ where: { organizationId, id } });
  return count;
}

/** How many messages were sent from the template. */
export function countMessagesOfTemplate(db: Tx, { organizationId, templateId }: { organizationId: string; templateId: string }) {
  return db.message.count({ where: { organizationId, templateId } });
}

export function findMessageTemplateById(db: Tx, { organizationId, id }: { organizationId: string; id: string }) {
  return db.messageTemplate.findFirst({ where: { organizationId, id } });
}
