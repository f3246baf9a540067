import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { RemoveMemberInput } from "~/trpc/routers/member/remove.schema";
import { assertNotLastOwner, loadManageableMember, lockMembers } from "~/trpc/routers/member/member-guards.server";
import { deleteMember } from "~/models/membership.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { can } from "~/utils/permissions";

export async function removeMemberHandler({ ctx, input }: { ctx: OrgScopedContext; input: RemoveMemberInput }) {
  if (!can(ctx.org.role, "delete:member:any")) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only owners and admins can remove members." });
  }
  const { membershipId, userId } = await ctx.db.$transaction(async (tx) => {
    await lockMembers(tx, ctx.org.id);
    const member = await loadManageableMember(ctx, tx, input.membershipId);
    await assertNotLastOwner(ctx, tx, member, null);
    await deleteMember(tx, { organizationId: ctx.org.id, membershipId: member.id });
    // Their browsers stop acting for this organization at once.
    await tx.session.updateMany({
      where: { userId: member.userId, organizationId: ctx.org.id },
      data: { organizationId: null },
    });
    return { membershipId: member.id, userId: member.userId };
  });
  await publishLiveEvent(ctx.db, ctx.org.id, { type: "member.updated", membershipId, userId });
  return { membershipId };
}
