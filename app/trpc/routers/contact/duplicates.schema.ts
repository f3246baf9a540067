import { z } from "zod";
import { contactIdField } from "~/domain/contact/contact-fields.schema";

export const duplicatesSchema = z.object({
  id: contactIdField,
  /** Also contacts with a similar name (trigram similarity); off for the contact page, which only lists phone and email matches. */
  similarNames: z.boolean().optional().default(false),
});
export type DuplicatesInput = z.output<typeof duplicatesSchema>;
