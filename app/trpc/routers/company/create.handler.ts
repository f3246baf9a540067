import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { CreateCompanyInput } from "~/trpc/routers/company/create.schema";
import { serializeCompany } from "~/trpc/routers/company/company-output";
import { commandScope } from "~/trpc/command-scope.server";
import { createCompany } from "~/services/company/create-company.server";

export async function createCompanyHandler({ ctx, input }: { ctx: OrgScopedContext; input: CreateCompanyInput }) {
  const company = await ctx.db.$transaction((tx) => createCompany(tx, commandScope(ctx), input));
  return serializeCompany(company);
}
