import type { z } from "zod";
import { companyFieldsSchema, companyIdField } from "~/trpc/routers/company/company-fields.schema";

/** Saves the whole company form: a left-out industry, size or website is cleared. */
export const updateCompanySchema = companyFieldsSchema.extend({ companyId: companyIdField });
export type UpdateCompanyInput = z.output<typeof updateCompanySchema>;
