import { z } from "zod";
import { tagIdField } from "~/trpc/routers/tag/tag-fields.schema";

export const deleteTagSchema = z.object({ id: tagIdField });
export type DeleteTagInput = z.output<typeof deleteTagSchema>;
