import { z } from "zod";

/** What the deal form offers: stages, companies, and contacts matching `contactQ` (plus the chosen one). */
export const dealFormOptionsSchema = z.object({
  contactQ: z.string().trim().max(100, { message: "Search for at most 100 characters" }).optional().default(""),
  contactId: z.preprocess((value) => (value === "" ? undefined : value), z.uuid().optional()),
});
export type DealFormOptionsInput = z.output<typeof dealFormOptionsSchema>;
