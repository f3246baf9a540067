import type { Context } from "~/trpc/trpc.server";
import type { SignUpInput } from "~/trpc/routers/auth/sign-up.schema";
import { createAccount } from "~/trpc/routers/auth/create-account.server";
import { createOrganizationWithOwner } from "~/models/organization.server";

export async function signUpHandler({ ctx, input }: { ctx: Context; input: SignUpInput }) {
  return createAccount(ctx.db, input, async (tx, user) => {
    const organization = await createOrganizationWithOwner(tx, { name: input.organizationName, ownerUserId: user.id });
    return { userId: user.id, organizationId: organization.id };
  });
}
