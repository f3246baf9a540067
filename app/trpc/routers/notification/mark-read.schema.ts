import { z } from "zod";

export const markNotificationReadSchema = z.object({ id: z.uuid({ message: "Notification not found" }) });
export type MarkNotificationReadInput = z.output<typeof markNotificationReadSchema>;
