import { z } from "zod";
import { companyIdField } from "~/trpc/routers/company/company-fields.schema";

export const deleteCompanySchema = z.object({ companyId: companyIdField });
export type DeleteCompanyInput = z.output<typeof deleteCompanySchema>;
