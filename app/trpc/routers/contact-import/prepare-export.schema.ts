import { z } from "zod";
import { CONTACT_SORTS, contactFilterSchema } from "~/domain/contact/contact-filter.schema";

/**
 * The list view to export: its filter, and its order when one was chosen (no
 * order means the database's fastest; paging is ignored — an export has every
 * matching row).
 */
export const prepareExportSchema = z.object({
  filter: contactFilterSchema,
  sort: z.enum(CONTACT_SORTS, { message: "Unknown sort" }).optional(),
  dir: z.enum(["asc", "desc"], { message: "Sort direction must be asc or desc" }).optional(),
});
