// Phone numbers: normalized to E.164 with India as the default region, using
// libphonenumber rather than hand-written patterns. Browser-safe.
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";

export const DEFAULT_PHONE_REGION: CountryCode = "IN";

/** "98765 43210", "098765-43210" and "+91 98765 43210" all give "+919876543210"; null when not a valid number. */
export function normalizePhone(input: string, region: CountryCode = DEFAULT_PHONE_REGION): string | null {
  const trimmed = input.trim();
  if (!trimmed || trimmed.length > 40) return null;
  const parsed = parsePhoneNumberFromString(trimmed, region);
  if (!parsed || !parsed.isValid()) return null;
  return parsed.number;
}

/** "+919876543210" → "+91 98765 43210" for display. */
export function formatPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  return parsed ? parsed.formatInternational() : e164;
}

/** The digits of a search box entry when it looks like (part of) a phone number, else null. */
export function phoneSearchDigits(query: string): string | null {
  const compact = query.replace(/[\s\-().]/g, "");
  if (!/^\+?\d{3,15}$/.test(compact)) return null;
  return compact.replace(/^\+/, "");
}
