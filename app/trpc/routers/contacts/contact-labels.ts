// How stages, temperatures and sources read on screen and in messages. Browser-safe.
import type { CONTACT_SOURCES, ContactStage, Temperature } from "~/trpc/routers/contacts/contact-filter.schema";

export const STAGE_LABELS: Record<ContactStage, string> = {
  NEW: "New",
  ENGAGED: "Engaged",
  INTERESTED: "Interested",
  NEGOTIATION: "Negotiation",
  CONVERTED: "Converted",
  CHURNED: "Churned",
};

export const TEMPERATURE_LABELS: Record<Temperature, string> = {
  HOT: "Hot",
  WARM: "Warm",
  COLD: "Cold",
  DEAD: "Dead",
};

export const SOURCE_LABELS: Record<(typeof CONTACT_SOURCES)[number], string> = {
  WHATSAPP: "WhatsApp",
  SMS: "SMS",
  EMAIL: "Email",
  WEBSITE: "Website",
  RAZORPAY: "Razorpay",
  IMPORT: "Import",
  MANUAL: "Manual",
  API: "API",
};

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
