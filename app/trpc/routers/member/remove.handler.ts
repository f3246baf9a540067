import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { RemovalPreviewInput, RemoveMemberInput } from "~/trpc/routers/member/remove.schema";
import { assertNotLastOwner, loadManageableMember, lockMembers } from "~/trpc/routers/member/member-guards.server";
import { fieldErrors } from "~/domain/contact/contact-errors";
import { countMemberHoldings, findMember, listMembers } from "~/models/membership.server";
import { removeMemberAndHandOver } from "~/services/member-removal.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { can, roleAtLeast } from "~/utils/permissions";

function assertMayRemove(ctx: OrgScopedContext) {
  if (!can(ctx.org.role, "delete:member:any")) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only owners and admins can remove members." });
  }
}

/** For the removal page: who is leaving, what they hold, and who could take it over. */
export async function removalPreviewHandler({ ctx, input }: { ctx: OrgScopedContext; input: RemovalPreviewInput }) {
  assertMayRemove(ctx);
  const member = await loadManageableMember(ctx, ctx.db, input.membershipId);
  const [holdings, members] = await Promise.all([
    countMemberHoldings(ctx.db, { organizationId: ctx.org.id, userId: member.userId }),
    listMembers(ctx.db, { organizationId: ctx.org.id }),
  ]);
  return {
    member: { id: member.id, role: member.role, name: member.user.name, email: member.user.email },
    holdings,
    successors: members
      .filter((other) => other.id !== member.id && roleAtLeast(other.role, "AGENT"))
      .map((other) => ({ id: other.id, name: other.user.name, role: other.role })),
  };
}

/**
 * Removes a member. Their contacts, deals and pending follow-ups go to `reassignTo` (another
 * member of this organization, agent or above) or to nobody, in the same transaction.
 */
export async function removeMemberHandler({ ctx, input }: { ctx: OrgScopedContext; input: RemoveMemberInput }) {
  assertMayRemove(ctx);
  const result = await ctx.db.$transaction(async (tx) => {
    await lockMembers(tx, ctx.org.id);
    const member = await loadManageableMember(ctx, tx, input.membershipId);
    await assertNotLastOwner(ctx, tx, member, null);
    const successor = input.reassignTo ? await findMember(tx, { organizationId: ctx.org.id, membershipId: input.reassignTo }) : null;
    if (input.reassignTo && !successor) {
      throw new TRPCError({ code: "NOT_FOUND", message: "The member to hand the work to was not found." });
    }
    if (successor && successor.id === member.id) {
      throw fieldErrors({ reassignTo: "Choose someone other than the member who is leaving" });
    }
    if (successor && !roleAtLeast(successor.role, "AGENT")) {
      throw fieldErrors({ reassignTo: "A viewer can't own contacts; choose an agent or above, or nobody" });
    }
    const handedOver = await removeMemberAndHandOver(tx, { organizationId: ctx.org.id, actorId: ctx.user.id }, { member, successor });
    return {
      membershipId: member.id,
      userId: member.userId,
      handedOver,
      successor: successor ? { id: successor.id, name: successor.user.name } : null,
    };
  });
  await publishLiveEvent(ctx.db, ctx.org.id, { type: "member.updated", membershipId: result.membershipId, userId: result.userId });
  // Lists and the affected contacts' pages refetch (too many ids to name become one refetch).
  if (result.handedOver.contactIds.length) {
    await publishLiveEvent(ctx.db, ctx.org.id, { type: "contact.changed", contactIds: result.handedOver.contactIds });
  }
  const { contacts, deals, followUps } = result.handedOver;
  return { membershipId: result.membershipId, reassignedTo: result.successor, moved: { contacts, deals, followUps } };
}
