import { z } from "zod";
import { stageIdField } from "~/trpc/routers/deal-stage/stage-fields.schema";

export const deleteStageSchema = z.object({ stageId: stageIdField });
export type DeleteStageInput = z.output<typeof deleteStageSchema>;
