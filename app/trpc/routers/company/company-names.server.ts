import type { OrgScopedContext } from "~/trpc/trpc.server";
import { fieldError } from "~/trpc/routers/company/field-error.server";
import { findCompanyByName } from "~/models/company.server";

export function duplicateCompany(name: string) {
  return fieldError("CONFLICT", "name", `A company called “${name}” already exists.`);
}

/** Company names are unique per organization, ignoring case. */
export async function assertNameFree(ctx: OrgScopedContext, name: string, exceptId?: string) {
  const existing = await findCompanyByName(ctx.db, { organizationId: ctx.org.id, name, exceptId });
  if (existing) throw duplicateCompany(existing.name);
}
