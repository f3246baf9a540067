// Creating a company: its name is the organization's only one (ignoring case).
import { insertCompany, type CompanyData } from "~/models/company.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { assertNameFree, duplicateCompany } from "~/services/company/company-names.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { isUniqueViolation } from "~/utils/prisma-errors.server";

/** A company as a form, an import or a workflow step describes it; a left-out industry, size or website is none. */
export type CompanyFields = { name: string; industry?: string | null; size?: string | null; website?: string | null };

export function companyData(input: CompanyFields): CompanyData {
  return { name: input.name, industry: input.industry ?? null, size: input.size ?? null, website: input.website ?? null };
}

export async function createCompany(tx: CommandTx, { organizationId }: CommandContext, input: CompanyFields) {
  await assertNameFree(tx, { organizationId, name: input.name });
  try {
    const company = await insertCompany(tx, { organizationId, data: companyData(input) });
    await publishLiveEvent(tx, organizationId, { type: "company.changed", companyId: company.id });
    return company;
  } catch (error) {
    // Created by someone else since the check.
    if (isUniqueViolation(error)) throw duplicateCompany(input.name);
    throw error;
  }
}
