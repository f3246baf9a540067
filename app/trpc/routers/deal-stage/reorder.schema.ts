import { z } from "zod";
import { stageIdField } from "~/trpc/routers/deal-stage/stage-fields.schema";

/** Puts a stage at index `to` (0 = first column). Up/down buttons and dragging both send this. */
export const reorderStageSchema = z.object({
  stageId: stageIdField,
  to: z.preprocess(
    (value) => (typeof value === "string" && value.trim() !== "" ? Number(value) : value),
    z.number({ message: "Choose where the stage goes" }).int().min(0, { message: "It is already first" }).max(1000),
  ),
});
export type ReorderStageInput = z.output<typeof reorderStageSchema>;
