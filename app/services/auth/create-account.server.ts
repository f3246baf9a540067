// Creating a person's account, shared by confirming a sign-up and "sign up from an invitation".
import { TRPCError } from "@trpc/server";
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { hashPassword } from "~/services/password.server";
import { isUniqueViolation } from "~/utils/prisma-errors.server";

export const EMAIL_TAKEN = "An account with this email already exists. Sign in instead.";

type NewUser = { id: string; name: string; email: string };

/**
 * Creates the user and, in the same transaction, whatever `andThen` adds
 * (their organization, or their membership). A taken email is a CONFLICT.
 */
export async function createAccount<T>(
  db: PrismaClient,
  input: { email: string; name: string; password: string },
  andThen: (tx: Prisma.TransactionClient, user: NewUser) => Promise<T>,
): Promise<T> {
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) throw new TRPCError({ code: "CONFLICT", message: EMAIL_TAKEN });
  const passwordHash = await hashPassword(input.password);
  return createAccountWithHash(db, { email: input.email, name: input.name, passwordHash }, andThen);
}

/** The same with a password hashed already (a confirmed sign-up request keeps only the hash). */
export async function createAccountWithHash<T>(
  db: PrismaClient,
  input: { email: string; name: string; passwordHash: string },
  andThen: (tx: Prisma.TransactionClient, user: NewUser) => Promise<T>,
): Promise<T> {
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: input.email, name: input.name, passwordHash: input.passwordHash },
        select: { id: true, name: true, email: true },
      });
      return andThen(tx, user);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new TRPCError({ code: "CONFLICT", message: EMAIL_TAKEN });
    throw error;
  }
}
