import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { CreateCompanyInput } from "~/trpc/routers/company/create.schema";
import { serializeCompany } from "~/trpc/routers/company/company-output";
import { assertNameFree, duplicateCompany } from "~/trpc/routers/company/company-names.server";
import { insertCompany } from "~/models/company.server";
import { isUniqueViolation } from "~/utils/prisma-errors.server";

export async function createCompanyHandler({ ctx, input }: { ctx: OrgScopedContext; input: CreateCompanyInput }) {
  await assertNameFree(ctx, input.name);
  try {
    const company = await insertCompany(ctx.db, {
      organizationId: ctx.org.id,
      data: { name: input.name, industry: input.industry ?? null, size: input.size ?? null, website: input.website ?? null },
    });
    return serializeCompany(company);
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateCompany(input.name);
    throw error;
  }
}
