import { z } from "zod";
import { tagColorField, tagIdField, tagNameField } from "~/trpc/routers/tag/tag-fields.schema";

export const updateTagSchema = z.object({ id: tagIdField, name: tagNameField, color: tagColorField });
export type UpdateTagInput = z.output<typeof updateTagSchema>;
