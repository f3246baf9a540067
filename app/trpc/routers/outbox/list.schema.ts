import { z } from "zod";

export const OUTBOX_CHANNELS = ["WHATSAPP", "SMS", "EMAIL", "PAYMENT"] as const;

export const listOutboxSchema = z.object({
  channel: z.enum(OUTBOX_CHANNELS, { message: "Unknown channel" }).optional(),
  before: z.coerce.date({ message: "Invalid date" }).optional(),
});
export type ListOutboxInput = z.infer<typeof listOutboxSchema>;

export const getOutboxItemSchema = z.object({ id: z.uuid({ message: "Unknown message" }) });
