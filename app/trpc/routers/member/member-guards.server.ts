// Rules shared by changing and removing a member.
import { TRPCError } from "@trpc/server";
import type { Prisma } from "~/generated/prisma/client";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import { countOwners, findMember } from "~/models/membership.server";
import { roleAtLeast, type Role } from "~/utils/permissions";

type Tx = Prisma.TransactionClient;

export async function loadManageableMember(ctx: OrgScopedContext, tx: Tx, membershipId: string) {
  const member = await findMember(tx, { organizationId: ctx.org.id, membershipId });
  if (!member) throw new TRPCError({ code: "NOT_FOUND", message: "Member not found." });
  if (!roleAtLeast(ctx.org.role, member.role)) {
    throw new TRPCError({ code: "FORBIDDEN", message: "You can't change a member whose role is above yours." });
  }
  return member;
}

/**
 * Serialises changes to one organization's members: two owners demoting each
 * other at the same moment must not leave the organization without an owner.
 * Call first inside the transaction that makes the change.
 */
export async function lockMembers(tx: Tx, organizationId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`members:${organizationId}`}, 0))`;
}

export async function assertNotLastOwner(ctx: OrgScopedContext, tx: Tx, member: { role: Role }, nextRole: Role | null) {
  if (member.role !== "OWNER" || nextRole === "OWNER") return;
  const owners = await countOwners(tx, { organizationId: ctx.org.id });
  if (owners <= 1) {
    throw new TRPCError({ code: "BAD_REQUEST", message: "An organization needs at least one owner. Make someone else owner first." });
  }
}
