import type { PrismaClient } from "~/generated/prisma/client";
import type { OutboxChannel } from "~/generated/prisma/enums";

export const OUTBOX_PAGE_SIZE = 50;

export function listOutbox(
  db: PrismaClient,
  { organizationId, channel, before }: { organizationId: string; channel?: OutboxChannel; before?: Date },
) {
  return db.sandboxOutbox.findMany({
    where: { organizationId, channel, createdAt: before ? { lt: before } : undefined },
    orderBy: { createdAt: "desc" },
    take: OUTBOX_PAGE_SIZE,
  });
}

export function findOutboxItem(db: PrismaClient, { organizationId, id }: { organizationId: string; id: string }) {
  return db.sandboxOutbox.findFirst({ where: { id, organizationId } });
}
