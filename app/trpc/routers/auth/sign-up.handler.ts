import { TRPCError } from "@trpc/server";
import type { Context } from "~/trpc/trpc.server";
import type { SignUpInput } from "~/trpc/routers/auth/sign-up.schema";
import { createOrganizationWithOwner } from "~/models/organization.server";
import { hashPassword } from "~/services/password.server";
import { isUniqueViolation } from "~/utils/prisma-errors.server";

export const EMAIL_TAKEN = "An account with this email already exists. Sign in instead.";

export async function signUpHandler({ ctx, input }: { ctx: Context; input: SignUpInput }) {
  const existing = await ctx.db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) throw new TRPCError({ code: "CONFLICT", message: EMAIL_TAKEN });
  const passwordHash = await hashPassword(input.password);
  try {
    return await ctx.db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash } });
      const organization = await createOrganizationWithOwner(tx, { name: input.organizationName, ownerUserId: user.id });
      return { userId: user.id, organizationId: organization.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new TRPCError({ code: "CONFLICT", message: EMAIL_TAKEN });
    throw error;
  }
}
