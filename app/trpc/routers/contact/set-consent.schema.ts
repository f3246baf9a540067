import { z } from "zod";
import { contactIdField } from "~/trpc/routers/contact/contact-fields.schema";

export const CONSENT_CHANNELS = ["WHATSAPP", "SMS", "EMAIL"] as const;
export const CONSENT_STATUSES = ["OPTED_IN", "OPTED_OUT"] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

export const setConsentSchema = z.object({
  id: contactIdField,
  channel: z.enum(CONSENT_CHANNELS, { message: "Choose a channel" }),
  status: z.enum(CONSENT_STATUSES, { message: "Choose opted in or opted out" }),
  reason: z
    .string({ message: "Say why consent changed" })
    .trim()
    .min(3, { message: "Say why consent changed (at least 3 characters)" })
    .max(300, { message: "Keep the reason under 300 characters" }),
});
export type SetConsentInput = z.output<typeof setConsentSchema>;
