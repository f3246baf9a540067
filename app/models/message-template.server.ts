// Prisma reads for message templates, always scoped by organization.
import type { ChannelKind, Prisma, PrismaClient } from "~/generated/prisma/client";

type Tx = Prisma.TransactionClient | PrismaClient;

/** A template of the organization by id, or by name for a channel kind (the newest language first). */
export function findMessageTemplate(
  db: Tx,
  { organizationId, channelKind, id, name }: { organizationId: string; channelKind: ChannelKind; id?: string; name?: string },
) {
  if (id) return db.messageTemplate.findFirst({ where: { organizationId, id } });
  return db.messageTemplate.findFirst({ where: { organizationId, channelKind, name }, orderBy: { updatedAt: "desc" } });
}
