import { orgProcedure, router } from "~/trpc/trpc.server";
import { listCompaniesSchema } from "~/trpc/routers/company/list.schema";
import { getCompanySchema } from "~/trpc/routers/company/get.schema";
import { createCompanySchema } from "~/trpc/routers/company/create.schema";
import { updateCompanySchema } from "~/trpc/routers/company/update.schema";
import { deleteCompanySchema } from "~/trpc/routers/company/delete.schema";
import { listCompaniesHandler } from "~/trpc/routers/company/list.handler";
import { getCompanyHandler } from "~/trpc/routers/company/get.handler";
import { companyOptionsHandler } from "~/trpc/routers/company/options.handler";
import { createCompanyHandler } from "~/trpc/routers/company/create.handler";
import { updateCompanyHandler } from "~/trpc/routers/company/update.handler";
import { deleteCompanyHandler } from "~/trpc/routers/company/delete.handler";

export const companyRouter = router({
  list: orgProcedure("VIEWER").input(listCompaniesSchema).query(listCompaniesHandler),
  options: orgProcedure("VIEWER").query(companyOptionsHandler),
  get: orgProcedure("VIEWER").input(getCompanySchema).query(getCompanyHandler),
  create: orgProcedure("AGENT").input(createCompanySchema).mutation(createCompanyHandler),
  update: orgProcedure("AGENT").input(updateCompanySchema).mutation(updateCompanyHandler),
  delete: orgProcedure("MANAGER").input(deleteCompanySchema).mutation(deleteCompanyHandler),
});
