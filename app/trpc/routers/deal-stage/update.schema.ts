import { z } from "zod";
import { stageIdField, stageNameField, stageProbabilityField } from "~/trpc/routers/deal-stage/stage-fields.schema";

/** Renames a stage and sets the probability deals take when they enter it. */
export const updateStageSchema = z.object({
  stageId: stageIdField,
  name: stageNameField,
  probability: stageProbabilityField,
});
export type UpdateStageInput = z.output<typeof updateStageSchema>;
