import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { UpdateCompanyInput } from "~/trpc/routers/company/update.schema";
import { serializeCompany } from "~/trpc/routers/company/company-output";
import { assertNameFree, duplicateCompany } from "~/trpc/routers/company/company-names.server";
import { COMPANY_NOT_FOUND } from "~/trpc/routers/company/get.handler";
import { findCompany, updateCompany } from "~/models/company.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { isUniqueViolation } from "~/utils/prisma-errors.server";

export async function updateCompanyHandler({ ctx, input }: { ctx: OrgScopedContext; input: UpdateCompanyInput }) {
  const organizationId = ctx.org.id;
  const existing = await findCompany(ctx.db, { organizationId, companyId: input.companyId });
  if (!existing) throw new TRPCError({ code: "NOT_FOUND", message: COMPANY_NOT_FOUND });
  await assertNameFree(ctx, input.name, existing.id);
  try {
    await ctx.db.$transaction(async (tx) => {
      const { count } = await updateCompany(tx, {
        organizationId,
        companyId: existing.id,
        data: { name: input.name, industry: input.industry ?? null, size: input.size ?? null, website: input.website ?? null },
      });
      if (count === 0) throw new TRPCError({ code: "NOT_FOUND", message: COMPANY_NOT_FOUND });
      await publishLiveEvent(tx, organizationId, { type: "company.changed", companyId: existing.id });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateCompany(input.name);
    throw error;
  }
  const company = await findCompany(ctx.db, { organizationId, companyId: existing.id });
  return serializeCompany(company!);
}
