// Saving a company's form: a left-out industry, size or website is cleared; the name stays unique.
import { findCompany, updateCompany as updateCompanyRow } from "~/models/company.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { assertNameFree, duplicateCompany } from "~/services/company/company-names.server";
import { companyNotFound, loadCompany } from "~/services/company/company-refs.server";
import { companyData, type CompanyFields } from "~/services/company/create-company.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { isUniqueViolation } from "~/utils/prisma-errors.server";

export async function updateCompany(tx: CommandTx, { organizationId }: CommandContext, input: CompanyFields & { companyId: string }) {
  const existing = await loadCompany(tx, { organizationId, companyId: input.companyId });
  await assertNameFree(tx, { organizationId, name: input.name, exceptId: existing.id });
  try {
    const { count } = await updateCompanyRow(tx, { organizationId, companyId: existing.id, data: companyData(input) });
    if (count === 0) throw companyNotFound();
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateCompany(input.name);
    throw error;
  }
  await publishLiveEvent(tx, organizationId, { type: "company.changed", companyId: existing.id });
  return (await findCompany(tx, { organizationId, companyId: existing.id }))!;
}
