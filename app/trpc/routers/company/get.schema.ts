import { z } from "zod";
import { companyIdField } from "~/trpc/routers/company/company-fields.schema";

export const getCompanySchema = z.object({ companyId: companyIdField });
export type GetCompanyInput = z.output<typeof getCompanySchema>;
