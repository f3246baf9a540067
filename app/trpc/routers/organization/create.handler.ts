import type { AuthedContext } from "~/trpc/trpc.server";
import type { CreateOrganizationInput } from "~/trpc/routers/organization/create.schema";
import { createOrganizationWithOwner } from "~/models/organization.server";

export async function createOrganizationHandler({ ctx, input }: { ctx: AuthedContext; input: CreateOrganizationInput }) {
  return ctx.db.$transaction(async (tx) => {
    const organization = await createOrganizationWithOwner(tx, { name: input.name, ownerUserId: ctx.user.id });
    await tx.session.update({ where: { id: ctx.session.id }, data: { organizationId: organization.id } });
    return { id: organization.id, name: organization.name };
  });
}
