import { z } from "zod";
import { dealIdField, stageIdField, versionField } from "~/trpc/routers/deal/deal-fields.schema";

/** Moves a card on the board: to `stageId`, at `position` (0 = top; the top when left out). */
export const moveDealSchema = z.object({
  dealId: dealIdField,
  stageId: stageIdField,
  position: z.preprocess(
    (value) => (value === "" || value === null ? undefined : typeof value === "string" ? Number(value) : value),
    z.number({ message: "Position must be a number" }).int().min(0).max(100_000).optional(),
  ),
  version: versionField,
});
export type MoveDealInput = z.output<typeof moveDealSchema>;
