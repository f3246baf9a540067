// Rules shared by changing and removing a member.
import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import { countOwners, findMember } from "~/models/membership.server";
import { roleAtLeast, type Role } from "~/utils/permissions";

export async function loadManageableMember(ctx: OrgScopedContext, membershipId: string) {
  const member = await findMember(ctx.db, { organizationId: ctx.org.id, membershipId });
  if (!member) throw new TRPCError({ code: "NOT_FOUND", message: "Member not found." });
  if (!roleAtLeast(ctx.org.role, member.role)) {
    throw new TRPCError({ code: "FORBIDDEN", message: "You can't change a member whose role is above yours." });
  }
  return member;
}

export async function assertNotLastOwner(ctx: OrgScopedContext, member: { role: Role }, nextRole: Role | null) {
  if (member.role !== "OWNER" || nextRole === "OWNER") return;
  const owners = await countOwners(ctx.db, { organizationId: ctx.org.id });
  if (owners <= 1) {
    throw new TRPCError({ code: "BAD_REQUEST", message: "An organization needs at least one owner. Make someone else owner first." });
  }
}
