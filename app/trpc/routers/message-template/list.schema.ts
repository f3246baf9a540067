import { z } from "zod";
import { CHANNEL_KINDS } from "~/domain/channel/channel-fields.schema";

export const listMessageTemplatesSchema = z
  .object({ channelKind: z.enum(CHANNEL_KINDS, { message: "Choose WhatsApp, SMS or email" }).optional() })
  .default({});
export type ListMessageTemplatesInput = z.output<typeof listMessageTemplatesSchema>;
