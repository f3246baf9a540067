import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { GetCompanyInput } from "~/trpc/routers/company/get.schema";
import { serializeCompany } from "~/trpc/routers/company/company-output";
import { dateOnly } from "~/trpc/routers/deal/deal-output";
import { findCompanyProfile } from "~/models/company.server";
import { COMPANY_NOT_FOUND } from "~/services/company/company-refs.server";
export const PROFILE_LIST_LIMIT = 100;

/** A company with its contacts and its deals (up to 100 of each, with the full counts). */
export async function getCompanyHandler({ ctx, input }: { ctx: OrgScopedContext; input: GetCompanyInput }) {
  const company = await findCompanyProfile(ctx.db, {
    organizationId: ctx.org.id,
    companyId: input.companyId,
    take: PROFILE_LIST_LIMIT,
  });
  if (!company) throw new TRPCError({ code: "NOT_FOUND", message: COMPANY_NOT_FOUND });
  return {
    ...serializeCompany(company),
    contactCount: company._count.contacts,
    dealCount: company._count.deals,
    contacts: company.contacts,
    deals: company.deals.map((deal) => ({
      id: deal.id,
      title: deal.title,
      valuePaise: deal.valuePaise.toString(),
      probability: deal.probability,
      expectedCloseDate: dateOnly(deal.expectedCloseDate),
      stage: deal.stage,
      contact: deal.contact,
    })),
  };
}
