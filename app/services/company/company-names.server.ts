// Company names are unique per organization, ignoring case.
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { fieldError } from "~/services/field-error.server";
import { findCompanyByName } from "~/models/company.server";

type Tx = Prisma.TransactionClient | PrismaClient;

export function duplicateCompany(name: string) {
  return fieldError("CONFLICT", "name", `A company called “${name}” already exists.`);
}

export async function assertNameFree(db: Tx, { organizationId, name, exceptId }: { organizationId: string; name: string; exceptId?: string }) {
  const existing = await findCompanyByName(db, { organizationId, name, exceptId });
  if (existing) throw duplicateCompany(existing.name);
}
