import { z } from "zod";
import { contactFilterSchema } from "~/domain/contact/contact-filter.schema";

export const countContactsSchema = z.object({ filter: contactFilterSchema });
export type CountContactsInput = z.output<typeof countContactsSchema>;
