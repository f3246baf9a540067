import { TRPCError } from "@trpc/server";
import type { Context } from "~/trpc/trpc.server";
import type { AcceptInvitationInput } from "~/trpc/routers/invitation/accept.schema";
import { findInvitationByToken, invitationUnusableMessage } from "~/trpc/routers/invitation/find-usable.server";

export async function previewInvitationHandler({ ctx, input }: { ctx: Context; input: AcceptInvitationInput }) {
  const invitation = await findInvitationByToken(ctx.db, input.token);
  if (!invitation) throw new TRPCError({ code: "NOT_FOUND", message: "This invitation link is not valid." });
  const accountExists = Boolean(
    await ctx.db.user.findUnique({ where: { email: invitation.email }, select: { id: true } }),
  );
  return {
    organizationName: invitation.organization.name,
    invitedByName: invitation.invitedBy.name,
    email: invitation.email,
    role: invitation.role,
    state: invitation.state,
    problem: invitationUnusableMessage(invitation.state),
    accountExists,
    signedInAs: ctx.user?.email ?? null,
  };
}
