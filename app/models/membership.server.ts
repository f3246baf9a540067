import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import type { Role } from "~/utils/permissions";

type Tx = Prisma.TransactionClient | PrismaClient;

export function listMembers(db: Tx, { organizationId }: { organizationId: string }) {
  return db.membership.findMany({
    where: { organizationId },
    select: { id: true, role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
    orderBy: [{ createdAt: "asc" }],
  });
}

export function findMember(db: Tx, { organizationId, membershipId }: { organizationId: string; membershipId: string }) {
  return db.membership.findFirst({
    where: { id: membershipId, organizationId },
    select: { id: true, role: true, userId: true },
  });
}

export function countOwners(db: Tx, { organizationId }: { organizationId: string }) {
  return db.membership.count({ where: { organizationId, role: "OWNER" } });
}

export function findMembershipForUser(db: Tx, { organizationId, userId }: { organizationId: string; userId: string }) {
  return db.membership.findUnique({ where: { organizationId_userId: { organizationId, userId } } });
}

export function setMemberRole(
  db: Tx,
  { organizationId, membershipId, role }: { organizationId: string; membershipId: string; role: Role },
) {
  return db.membership.updateMany({ where: { id: membershipId, organizationId }, data: { role } });
}

export function deleteMember(db: Tx, { organizationId, membershipId }: { organizationId: string; membershipId: string }) {
  return db.membership.deleteMany({ where: { id: membershipId, organizationId } });
}
