import { z } from "zod";

export const COMPANY_PAGE_SIZE = 25;

/** The companies list as it sits in the URL: a name prefix and a page. */
export const listCompaniesSchema = z.object({
  q: z.string().trim().max(100, { message: "Search for at most 100 characters" }).optional().default(""),
  page: z.preprocess(
    (value) => (value === "" || value === undefined ? undefined : typeof value === "string" ? Number(value) : value),
    z.number({ message: "Page must be a number" }).int().min(1, { message: "Page must be 1 or more" }).max(100_000).default(1),
  ),
});
export type ListCompaniesInput = z.output<typeof listCompaniesSchema>;
