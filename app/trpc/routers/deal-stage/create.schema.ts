import { z } from "zod";
import { stageNameField, stageProbabilityField } from "~/trpc/routers/deal-stage/stage-fields.schema";

/** Adds an OPEN stage after the last open one. */
export const createStageSchema = z.object({ name: stageNameField, probability: stageProbabilityField });
export type CreateStageInput = z.output<typeof createStageSchema>;
