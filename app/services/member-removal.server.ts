// Removing a member: everything they hold is handed to another member (or to
// nobody) in the same transaction that ends their membership, so no contact,
// deal or pending follow-up is left pointing at someone who has left.
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { deleteMember, handOverMemberHoldings, type HandOverResult } from "~/models/membership.server";

type Tx = Prisma.TransactionClient | PrismaClient;

export type LeavingMember = { id: string; userId: string; user: { name: string } };
export type Successor = { userId: string; user: { name: string } } | null;

/**
 * Call inside the transaction that holds the members lock, after the permission and last-owner
 * checks. `successor` is a member of the same organization (checked by the caller), or null to
 * leave the work unassigned.
 */
export async function removeMemberAndHandOver(
  tx: Tx,
  scope: { organizationId: string; actorId: string },
  { member, successor }: { member: LeavingMember; successor: Successor },
): Promise<HandOverResult> {
  // The membership goes first: its row lock makes a write that locks the membership to check an
  // owner (FOR SHARE) wait for us and then find no member; the hand-over, a later statement, sees
  // whatever such writes committed before.
  await deleteMember(tx, { organizationId: scope.organizationId, membershipId: member.id });
  const handedOver = await handOverMemberHoldings(tx, {
    organizationId: scope.organizationId,
    actorId: scope.actorId,
    from: { userId: member.userId, name: member.user.name },
    to: successor ? { userId: successor.userId, name: successor.user.name } : null,
  });
  // Their browsers stop acting for this organization at once.
  await tx.session.updateMany({
    where: { userId: member.userId, organizationId: scope.organizationId },
    data: { organizationId: null },
  });
  return handedOver;
}
