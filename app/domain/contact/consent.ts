// The channels a contact can consent to be messaged on, and the two states. Browser-safe.
export const CONSENT_CHANNELS = ["WHATSAPP", "SMS", "EMAIL"] as const;
export const CONSENT_STATUSES = ["OPTED_IN", "OPTED_OUT"] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];
