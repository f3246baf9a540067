import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { CreateInvitationInput } from "~/trpc/routers/invitation/create.schema";
import { createInvitation, revokePendingInvitationsFor } from "~/models/invitation.server";
import { enqueueJob, jobKey } from "~/services/jobs.server";
import { invitationLink } from "~/services/invitation-link.server";
import { randomToken, sha256Hex } from "~/utils/crypto.server";
import { can, roleAtLeast } from "~/utils/permissions";

export async function createInvitationHandler({ ctx, input }: { ctx: OrgScopedContext; input: CreateInvitationInput }) {
  if (!can(ctx.org.role, "create:invitation:any")) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only owners and admins can invite teammates." });
  }
  if (!roleAtLeast(ctx.org.role, input.role)) {
    throw new TRPCError({ code: "FORBIDDEN", message: "You can't invite someone with a role above your own." });
  }
  const alreadyMember = await ctx.db.membership.findFirst({
    where: { organizationId: ctx.org.id, user: { email: input.email } },
    select: { id: true },
  });
  if (alreadyMember) throw new TRPCError({ code: "CONFLICT", message: `${input.email} is already a member.` });

  const token = randomToken();
  const invitation = await ctx.db.$transaction(async (tx) => {
    // Inviting the same address again replaces the earlier link.
    await revokePendingInvitationsFor(tx, { organizationId: ctx.org.id, email: input.email });
    const created = await createInvitation(tx, {
      organizationId: ctx.org.id,
      email: input.email,
      role: input.role,
      tokenHash: sha256Hex(token),
      invitedById: ctx.user.id,
    });
    await enqueueJob(tx, "invitation_send", { invitationId: created.id, token }, {
      jobKey: jobKey("invitation_send", created.id),
    });
    return created;
  });
  return { ...invitation, link: invitationLink(token) };
}
