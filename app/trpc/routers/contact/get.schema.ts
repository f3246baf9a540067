import { z } from "zod";
import { contactIdField } from "~/domain/contact/contact-fields.schema";

export const contactIdSchema = z.object({ id: contactIdField });
export type ContactIdInput = z.infer<typeof contactIdSchema>;
