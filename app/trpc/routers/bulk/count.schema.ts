import { z } from "zod";
import { bulkSelectionSchema } from "~/domain/bulk/bulk-run.schema";

/** How many contacts a selection holds (the delete confirmation states it). */
export const bulkCountSchema = z.object({ selection: bulkSelectionSchema });
export type BulkCountInput = z.output<typeof bulkCountSchema>;
