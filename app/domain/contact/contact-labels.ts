// How a contact's values read on screen, in messages and on the timeline: stages, temperatures,
// sources, consent, follow-up kinds, counts. The one place these words live. Browser-safe.
import type { CONTACT_SOURCES, ContactStage, Temperature } from "~/domain/contact/contact-filter.schema";
import type { ConsentChannel, ConsentStatus } from "~/domain/contact/consent";
import type { FollowUpKind } from "~/domain/follow-up/follow-up-kinds";

export const STAGE_LABELS: Record<ContactStage, string> = {
  NEW: "New",
  ENGAGED: "Engaged",
  INTERESTED: "Interested",
  NEGOTIATION: "Negotiation",
  CONVERTED: "Converted",
  CHURNED: "Churned",
};

export const TEMPERATURE_LABELS: Record<Temperature, string> = { HOT: "Hot", WARM: "Warm", COLD: "Cold", DEAD: "Dead" };

export const SOURCE_LABELS: Record<(typeof CONTACT_SOURCES)[number], string> = {
  WHATSAPP: "WhatsApp",
  SMS: "SMS",
  EMAIL: "Email",
  WEBSITE: "Website",
  RAZORPAY: "Razorpay",
  IMPORT: "Import",
  MANUAL: "Added by hand",
  API: "API",
};

export const CONSENT_CHANNEL_LABELS: Record<ConsentChannel, string> = { WHATSAPP: "WhatsApp", SMS: "SMS", EMAIL: "Email" };
export const CONSENT_STATUS_LABELS: Record<ConsentStatus, string> = { OPTED_IN: "Opted in", OPTED_OUT: "Opted out" };

export const FOLLOW_UP_KIND_LABELS: Record<FollowUpKind, string> = { CALL: "Call", MESSAGE: "Message" };

/** A label for any enum-ish value, falling back to the value itself. */
export function labelOf(labels: Record<string, string>, value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  return labels[String(value)] ?? String(value);
}

const COUNT = new Intl.NumberFormat("en-IN");

/** 123456 → "1,23,456" (Indian grouping, like the money). */
export function formatCount(n: number): string {
  return COUNT.format(n);
}

/** "1 contact", "12 contacts". */
export function contactsLabel(n: number): string {
  return `${formatCount(n)} ${n === 1 ? "contact" : "contacts"}`;
}

/** "1,234" when exact, "about 2,50,000" when an estimate. */
export function countOrEstimate(n: number, exact: boolean): string {
  return exact ? formatCount(n) : `about ${formatCount(n)}`;
}

/** "about 2,50,000 contacts" when the total is an estimate, else contactsLabel. */
export function contactsOrEstimateLabel(n: number, exact: boolean): string {
  return exact ? contactsLabel(n) : `about ${formatCount(n)} contacts`;
}

/** "10,000+ contacts" when the count stopped at a cap, else contactsLabel. */
export function contactsAtLeastLabel(n: number, exact: boolean): string {
  return exact ? contactsLabel(n) : `${formatCount(n)}+ contacts`;
}
