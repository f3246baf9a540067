import { z } from "zod";
import { CONSENT_CHANNELS, CONSENT_STATUSES } from "~/domain/contact/consent";
import { contactIdField } from "~/domain/contact/contact-fields.schema";


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
