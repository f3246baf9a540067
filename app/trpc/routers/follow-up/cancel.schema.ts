import { z } from "zod";

export const cancelFollowUpSchema = z.object({ id: z.uuid({ message: "Follow-up not found" }) });
export type CancelFollowUpInput = z.output<typeof cancelFollowUpSchema>;
