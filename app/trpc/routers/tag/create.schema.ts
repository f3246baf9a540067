import { z } from "zod";
import { tagColorField, tagNameField } from "~/trpc/routers/tag/tag-fields.schema";

export const createTagSchema = z.object({ name: tagNameField, color: tagColorField.default("slate") });
export type CreateTagInput = z.output<typeof createTagSchema>;
