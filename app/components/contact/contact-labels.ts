// Words people read for contact values. Browser-safe.
import type { ContactStage, Temperature } from "~/trpc/routers/contacts/contact-filter.schema";
import type { ConsentChannel, ConsentStatus } from "~/trpc/routers/contact/set-consent.schema";
import type { FollowUpKind } from "~/trpc/routers/follow-up/create.schema";

export const STAGE_LABELS: Record<ContactStage, string> = {
  NEW: "New",
  ENGAGED: "Engaged",
  INTERESTED: "Interested",
  NEGOTIATION: "Negotiation",
  CONVERTED: "Converted",
  CHURNED: "Churned",
};

export const TEMPERATURE_LABELS: Record<Temperature, string> = { HOT: "Hot", WARM: "Warm", COLD: "Cold", DEAD: "Dead" };

export const SOURCE_LABELS: Record<string, string> = {
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

export const TEMPERATURE_CLASSES: Record<Temperature, string> = {
  HOT: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200",
  WARM: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  COLD: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
  DEAD: "bg-slate-200 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
};

/** A label for any enum-ish value, falling back to the value itself. */
export function labelOf(labels: Record<string, string>, value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  return labels[String(value)] ?? String(value);
}
