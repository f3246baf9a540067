import type { OrgScopedContext } from "~/trpc/trpc.server";
import { COMPANY_PAGE_SIZE, type ListCompaniesInput } from "~/trpc/routers/company/list.schema";
import { serializeCompany } from "~/trpc/routers/company/company-output";
import { listCompanies } from "~/models/company.server";

export async function listCompaniesHandler({ ctx, input }: { ctx: OrgScopedContext; input: ListCompaniesInput }) {
  const { total, companies } = await listCompanies(ctx.db, {
    organizationId: ctx.org.id,
    q: input.q,
    page: input.page,
    perPage: COMPANY_PAGE_SIZE,
  });
  return {
    total,
    page: input.page,
    pageCount: Math.max(1, Math.ceil(total / COMPANY_PAGE_SIZE)),
    companies: companies.map((company) => ({
      ...serializeCompany(company),
      contactCount: company._count.contacts,
      dealCount: company._count.deals,
    })),
  };
}
