import { z } from "zod";
import { contactIdField } from "~/domain/contact/contact-fields.schema";
import { tagIdField } from "~/trpc/routers/tag/tag-fields.schema";

export const removeTagSchema = z.object({ id: contactIdField, tagId: tagIdField });
export type RemoveTagInput = z.output<typeof removeTagSchema>;
