import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { UpdateMemberRoleInput } from "~/trpc/routers/member/update-role.schema";
import { assertNotLastOwner, loadManageableMember } from "~/trpc/routers/member/member-guards.server";
import { setMemberRole } from "~/models/membership.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { can, roleAtLeast } from "~/utils/permissions";

export async function updateMemberRoleHandler({ ctx, input }: { ctx: OrgScopedContext; input: UpdateMemberRoleInput }) {
  if (!can(ctx.org.role, "update:member:any")) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only owners and admins can change roles." });
  }
  const member = await loadManageableMember(ctx, input.membershipId);
  if (!roleAtLeast(ctx.org.role, input.role)) {
    throw new TRPCError({ code: "FORBIDDEN", message: "You can't give a role above your own." });
  }
  await assertNotLastOwner(ctx, member, input.role);
  await setMemberRole(ctx.db, { organizationId: ctx.org.id, membershipId: member.id, role: input.role });
  await publishLiveEvent(ctx.db, ctx.org.id, { type: "member.updated", membershipId: member.id });
  return { membershipId: member.id, role: input.role };
}
