import type { AuthedContext } from "~/trpc/trpc.server";
import { listOrganizationsForUser } from "~/models/organization.server";

export async function listMyOrganizationsHandler({ ctx }: { ctx: AuthedContext }) {
  const memberships = await listOrganizationsForUser(ctx.db, ctx.user.id);
  return memberships.map((membership) => ({
    ...membership.organization,
    role: membership.role,
    current: membership.organization.id === ctx.org?.id,
  }));
}
