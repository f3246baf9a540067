import { z } from "zod";
import { contactIdField } from "~/domain/contact/contact-fields.schema";
import { tagNameField } from "~/trpc/routers/tag/tag-fields.schema";

export const addTagSchema = z.object({ id: contactIdField, name: tagNameField });
export type AddTagInput = z.output<typeof addTagSchema>;
