import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { RevokeInvitationInput } from "~/trpc/routers/invitation/revoke.schema";
import { revokeInvitation } from "~/models/invitation.server";
import { can } from "~/utils/permissions";

export async function revokeInvitationHandler({ ctx, input }: { ctx: OrgScopedContext; input: RevokeInvitationInput }) {
  if (!can(ctx.org.role, "delete:invitation:any")) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only owners and admins can withdraw invitations." });
  }
  const { count } = await revokeInvitation(ctx.db, { organizationId: ctx.org.id, invitationId: input.invitationId });
  if (count === 0) throw new TRPCError({ code: "NOT_FOUND", message: "Invitation not found, or already used." });
  return { invitationId: input.invitationId };
}
