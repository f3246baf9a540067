import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { UpdateCompanyInput } from "~/trpc/routers/company/update.schema";
import { serializeCompany } from "~/trpc/routers/company/company-output";
import { commandScope } from "~/trpc/command-scope.server";
import { updateCompany } from "~/services/company/update-company.server";

export async function updateCompanyHandler({ ctx, input }: { ctx: OrgScopedContext; input: UpdateCompanyInput }) {
  const company = await ctx.db.$transaction((tx) => updateCompany(tx, commandScope(ctx), input));
  return serializeCompany(company);
}
