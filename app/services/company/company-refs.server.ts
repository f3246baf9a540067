import { TRPCError } from "@trpc/server";
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { findCompany } from "~/models/company.server";

type Tx = Prisma.TransactionClient | PrismaClient;

export const COMPANY_NOT_FOUND = "Company not found.";

export function companyNotFound() {
  return new TRPCError({ code: "NOT_FOUND", message: COMPANY_NOT_FOUND });
}

/** The company in the organization, or NOT_FOUND (also for another organization's id). */
export async function loadCompany(db: Tx, { organizationId, companyId }: { organizationId: string; companyId: string }) {
  const company = await findCompany(db, { organizationId, companyId });
  if (!company) throw companyNotFound();
  return company;
}
