import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { UpdateMemberRoleInput } from "~/trpc/routers/member/update-role.schema";
import { assertNotLastOwner, loadManageableMember, lockMembers } from "~/trpc/routers/member/member-guards.server";
import { setMemberRole } from "~/models/membership.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { can, roleAtLeast } from "~/utils/permissions";

export async function updateMemberRoleHandler({ ctx, input }: { ctx: OrgScopedContext; input: UpdateMemberRoleInput }) {
  if (!can(ctx.org.role, "update:member:any")) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only owners and admins can change roles." });
  }
  if (!roleAtLeast(ctx.org.role, input.role)) {
    throw new TRPCError({ code: "FORBIDDEN", message: "You can't give a role above your own." });
  }
  const { membershipId, userId } = await ctx.db.$transaction(async (tx) => {
    await lockMembers(tx, ctx.org.id);
    const member = await loadManageableMember(ctx, tx, input.membershipId);
    await assertNotLastOwner(ctx, tx, member, input.role);
    await setMemberRole(tx, { organizationId: ctx.org.id, membershipId: member.id, role: input.role });
    return { membershipId: member.id, userId: member.userId };
  });
  await publishLiveEvent(ctx.db, ctx.org.id, { type: "member.updated", membershipId, userId });
  return { membershipId, role: input.role };
}
