// What kind of line a phone number is, from libphonenumber's full ("max")
// metadata. Server-only to keep that metadata (about 150 kB) out of the
// browser bundle; the page gets the answer with the contact.
import { parsePhoneNumberFromString } from "libphonenumber-js/max";

/**
 * True only when the number is certainly a fixed line (an Indian landline can't
 * use WhatsApp in practice). Mobiles, numbers that may be either (the US and
 * Canada), and anything unrecognised are not landlines.
 */
export function isLandline(e164: string): boolean {
  return parsePhoneNumberFromString(e164)?.getType() === "FIXED_LINE";
}
