import { TRPCError } from "@trpc/server";
import type { AuthedContext } from "~/trpc/trpc.server";
import type { SwitchOrganizationInput } from "~/trpc/routers/organization/switch.schema";
import { findMembershipForUser } from "~/models/membership.server";

export async function switchOrganizationHandler({ ctx, input }: { ctx: AuthedContext; input: SwitchOrganizationInput }) {
  const membership = await findMembershipForUser(ctx.db, { organizationId: input.organizationId, userId: ctx.user.id });
  // Not a member looks the same as no such organization.
  if (!membership) throw new TRPCError({ code: "NOT_FOUND", message: "Organization not found." });
  await ctx.db.session.update({ where: { id: ctx.session.id }, data: { organizationId: membership.organizationId } });
  const organization = await ctx.db.organization.findUniqueOrThrow({
    where: { id: membership.organizationId },
    select: { id: true, name: true },
  });
  return { ...organization, role: membership.role };
}
