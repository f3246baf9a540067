import type { OrgScopedContext } from "~/trpc/trpc.server";
import { listCompanyOptions } from "~/models/company.server";

export const COMPANY_OPTION_LIMIT = 500;

/** Every company's id and name (up to 500, by name), for pickers such as the contact form's. */
export function companyOptionsHandler({ ctx }: { ctx: OrgScopedContext }) {
  return listCompanyOptions(ctx.db, { organizationId: ctx.org.id, take: COMPANY_OPTION_LIMIT });
}
