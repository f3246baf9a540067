import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import type { Role } from "~/utils/permissions";

type Tx = Prisma.TransactionClient | PrismaClient;

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export function listPendingInvitations(db: Tx, { organizationId }: { organizationId: string }) {
  return db.invitation.findMany({
    where: { organizationId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, email: true, role: true, expiresAt: true, createdAt: true, invitedBy: { select: { name: true } } },
    orderBy: { createdAt: "desc" },
  });
}

export function revokePendingInvitationsFor(db: Tx, { organizationId, email }: { organizationId: string; email: string }) {
  return db.invitation.updateMany({
    where: { organizationId, email, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
}

export function createInvitation(
  db: Tx,
  input: { organizationId: string; email: string; role: Role; tokenHash: string; invitedById: string },
) {
  return db.invitation.create({
    data: { ...input, expiresAt: new Date(Date.now() + INVITATION_TTL_MS) },
    select: { id: true, email: true, role: true, expiresAt: true },
  });
}

export function revokeInvitation(db: Tx, { organizationId, invitationId }: { organizationId: string; invitationId: string }) {
  return db.invitation.updateMany({
    where: { id: invitationId, organizationId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
}

export function findInvitationByTokenHash(db: Tx, tokenHash: string) {
  return db.invitation.findUnique({
    where: { tokenHash },
    select: {
      id: true,
      organizationId: true,
      email: true,
      role: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      organization: { select: { name: true } },
      invitedBy: { select: { name: true } },
    },
  });
}

/** Marks the invitation used, only if it still is usable; returns false when someone got there first. */
export async function claimInvitation(db: Tx, { invitationId, userId }: { invitationId: string; userId: string }) {
  const { count } = await db.invitation.updateMany({
    where: { id: invitationId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    data: { acceptedAt: new Date(), acceptedById: userId },
  });
  return count === 1;
}
