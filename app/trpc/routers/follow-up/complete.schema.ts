import { z } from "zod";

export const completeFollowUpSchema = z.object({ id: z.uuid({ message: "Follow-up not found" }) });
export type CompleteFollowUpInput = z.output<typeof completeFollowUpSchema>;
