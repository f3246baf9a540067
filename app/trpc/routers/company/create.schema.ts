import type { z } from "zod";
import { companyFieldsSchema } from "~/trpc/routers/company/company-fields.schema";

export const createCompanySchema = companyFieldsSchema;
export type CreateCompanyInput = z.output<typeof createCompanySchema>;
