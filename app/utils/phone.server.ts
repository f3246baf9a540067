// Phone numbers as the server decides them: normalized to E.164 (India as the
// default region) with libphonenumber's full ("max") metadata, which knows each
// country's number ranges, not only their lengths. Every server path that
// accepts a phone (contact commands, website forms, CSV rows, search) uses this;
// app/utils/phone.ts keeps the small metadata for the browser.
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";
import { DEFAULT_PHONE_REGION, toE164 } from "~/utils/phone";

/** "98765 43210", "098765-43210" and "+91 98765 43210" all give "+919876543210"; null when not a valid number. */
export function normalizePhone(input: string, region: CountryCode = DEFAULT_PHONE_REGION): string | null {
  return toE164(parsePhoneNumberFromString, input, region);
}
