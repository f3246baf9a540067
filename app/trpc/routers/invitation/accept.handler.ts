import { TRPCError } from "@trpc/server";
import type { Prisma } from "~/generated/prisma/client";
import type { AuthedContext, Context } from "~/trpc/trpc.server";
import type { AcceptInvitationInput, SignUpWithInvitationInput } from "~/trpc/routers/invitation/accept.schema";
import { findUsableInvitation } from "~/trpc/routers/invitation/find-usable.server";
import { claimInvitation } from "~/models/invitation.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { createAccount } from "~/services/auth/create-account.server";

type UsableInvitation = Awaited<ReturnType<typeof findUsableInvitation>>;

const ALREADY_USED = "This invitation has already been used. Sign in instead, or ask for a new invitation.";

async function joinOrganization(
  tx: Prisma.TransactionClient,
  invitation: UsableInvitation,
  user: { id: string; name: string },
) {
  if (!(await claimInvitation(tx, { invitationId: invitation.id, userId: user.id }))) {
    throw new TRPCError({ code: "PRECONDITION_FAILED", message: ALREADY_USED });
  }
  const membership = await tx.membership.create({
    data: { organizationId: invitation.organizationId, userId: user.id, role: invitation.role },
  });
  await publishLiveEvent(tx, invitation.organizationId, {
    type: "member.joined",
    membershipId: membership.id,
    userId: user.id,
  });
  return { organizationId: invitation.organizationId, organizationName: invitation.organization.name, role: membership.role };
}

/** A signed-in person accepts an invitation addressed to their email. */
export async function acceptInvitationHandler({ ctx, input }: { ctx: AuthedContext; input: AcceptInvitationInput }) {
  const invitation = await findUsableInvitation(ctx.db, input.token);
  if (invitation.email !== ctx.user.email.toLowerCase()) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: `This invitation was sent to ${invitation.email}. Sign in with that address to accept it.`,
    });
  }
  const existing = await ctx.db.membership.findUnique({
    where: { organizationId_userId: { organizationId: invitation.organizationId, userId: ctx.user.id } },
  });
  if (existing) throw new TRPCError({ code: "CONFLICT", message: `You are already a member of ${invitation.organization.name}.` });
  const joined = await ctx.db.$transaction((tx) => joinOrganization(tx, invitation, ctx.user));
  await ctx.db.session.update({ where: { id: ctx.session.id }, data: { organizationId: joined.organizationId } });
  return { ...joined, userId: ctx.user.id };
}

/** Someone without an account creates one with the invited email and joins in one step. */
export async function signUpWithInvitationHandler({ ctx, input }: { ctx: Context; input: SignUpWithInvitationInput }) {
  const invitation = await findUsableInvitation(ctx.db, input.token);
  const account = { email: invitation.email, name: input.name, password: input.password };
  return createAccount(ctx.db, account, async (tx, user) => ({
    ...(await joinOrganization(tx, invitation, user)),
    userId: user.id,
  }));
}
