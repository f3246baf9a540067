import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { DeleteCompanyInput } from "~/trpc/routers/company/delete.schema";
import { commandScope } from "~/trpc/command-scope.server";
import { deleteCompany } from "~/services/company/delete-company.server";
import { roleAtLeast } from "~/utils/permissions";

/** Deletes a company; its contacts and deals stay, unlinked (see deleteCompany). */
export async function deleteCompanyHandler({ ctx, input }: { ctx: OrgScopedContext; input: DeleteCompanyInput }) {
  if (!roleAtLeast(ctx.org.role, "MANAGER")) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only managers and above can delete companies." });
  }
  return ctx.db.$transaction((tx) => deleteCompany(tx, commandScope(ctx), input));
}
