// Phone numbers in the browser: libphonenumber's small ("min") metadata, which
// knows each country's number lengths but not its ranges. Enough to show a
// number and to check a form early; the server decides with the full metadata
// (normalizePhone in app/utils/phone.server.ts). Browser-safe.
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";

export const DEFAULT_PHONE_REGION: CountryCode = "IN";

type ParsePhone = (text: string, region: CountryCode) => { isValid(): boolean; number: string } | undefined;

/**
 * E.164 for `input` as `parse` reads it (the small metadata's parser here, the full one's on the
 * server): "98765 43210", "098765-43210" and "+91 98765 43210" all give "+919876543210"; null when
 * it isn't a valid number.
 */
export function toE164(parse: ParsePhone, input: string, region: CountryCode = DEFAULT_PHONE_REGION): string | null {
  const trimmed = input.trim();
  if (!trimmed || trimmed.length > 40) return null;
  const parsed = parse(trimmed, region);
  if (!parsed || !parsed.isValid()) return null;
  return parsed.number;
}

/**
 * What a form's phone will be, as far as the small metadata can tell. A server command checks the
 * result again with the full metadata, which refuses some numbers this accepts (an Indian landline
 * range that doesn't exist).
 */
export function previewPhone(input: string, region: CountryCode = DEFAULT_PHONE_REGION): string | null {
  return toE164(parsePhoneNumberFromString, input, region);
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
