// Follow-ups: scheduled calls and messages for a contact, assigned to a member.
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import type { FollowUpKind } from "~/generated/prisma/enums";

type Tx = Prisma.TransactionClient | PrismaClient;
type Scope = { organizationId: string };

const PERSON = { select: { id: true, name: true } } as const;

export function insertFollowUp(
  tx: Tx,
  input: Scope & { contactId: string; assigneeId: string; createdById: string | null; kind: FollowUpKind; dueAt: Date; note: string },
) {
  return tx.followUp.create({ data: input, include: { assignee: PERSON } });
}

export function findFollowUp(db: Tx, { organizationId, id }: Scope & { id: string }) {
  return db.followUp.findFirst({
    where: { id, organizationId },
    include: { contact: { select: { id: true, name: true, ownerId: true } } },
  });
}

/** PENDING → DONE once; returns whether this call did it. */
export async function markFollowUpDone(tx: Tx, { organizationId, id, userId }: Scope & { id: string; userId: string | null }) {
  const result = await tx.followUp.updateMany({
    where: { id, organizationId, status: "PENDING" },
    data: { status: "DONE", completedAt: new Date(), completedById: userId },
  });
  return result.count === 1;
}

/** PENDING → CANCELLED once (who and when go in the completed columns); returns whether this call did it. */
export async function markFollowUpCancelled(tx: Tx, { organizationId, id, userId }: Scope & { id: string; userId: string | null }) {
  const result = await tx.followUp.updateMany({
    where: { id, organizationId, status: "PENDING" },
    data: { status: "CANCELLED", completedAt: new Date(), completedById: userId },
  });
  return result.count === 1;
}

/**
 * Soonest first; at the same due time the one scheduled first stays first, so a
 * follow-up added meanwhile never lands above the ones already on someone's
 * screen (a live refresh must not move the row under their pointer).
 */
const DUE_ORDER: Prisma.FollowUpOrderByWithRelationInput[] = [{ dueAt: "asc" }, { createdAt: "asc" }, { id: "asc" }];

export function listFollowUps(
  db: Tx,
  {
    organizationId,
    assigneeId,
    dueFrom,
    dueBefore,
    take,
  }: Scope & { assigneeId: string | null; dueFrom?: Date; dueBefore?: Date; take: number },
) {
  return db.followUp.findMany({
    where: {
      organizationId,
      status: "PENDING",
      ...(assigneeId ? { assigneeId } : {}),
      dueAt: { gte: dueFrom, lt: dueBefore },
    },
    include: {
      assignee: PERSON,
      contact: { select: { id: true, name: true, phone: true } },
    },
    orderBy: DUE_ORDER,
    take,
  });
}

/** A contact's follow-ups: every pending one, then the most recent done or cancelled. */
export async function listContactFollowUps(db: Tx, { organizationId, contactId }: Scope & { contactId: string }) {
  const include = { assignee: PERSON, completedBy: PERSON } as const;
  const [pending, closed] = await Promise.all([
    db.followUp.findMany({
      where: { organizationId, contactId, status: "PENDING" },
      include,
      orderBy: DUE_ORDER,
      take: 50,
    }),
    db.followUp.findMany({
      where: { organizationId, contactId, status: { not: "PENDING" } },
      include,
      orderBy: [{ completedAt: "desc" }, { id: "desc" }],
      take: 5,
    }),
  ]);
  return [...pending, ...closed];
}
