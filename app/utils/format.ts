// Display formats for India: money as ₹1,23,456; times in the organization's zone (app/utils/clock).
export { formatDateTime } from "~/utils/clock";

// A calendar date (a deal's close date) has no time of day and no zone: it is
// read and printed as that day, in the same style as the date above ("2 Dec 2026").
const CALENDAR_DATE = new Intl.DateTimeFormat("en-IN", { dateStyle: "medium", timeZone: "UTC" });

/** "2026-12-02" → "2 Dec 2026"; anything that isn't a YYYY-MM-DD date is returned as it is. */
export function formatCalendarDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2026-13-45 over into 2027; such a day doesn't exist.
  const exists = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return exists ? CALENDAR_DATE.format(date) : isoDate;
}

const RUPEES = new Intl.NumberFormat("en-IN", { style: "currency", currency: "INR", maximumFractionDigits: 0 });

/**
 * Paise to "₹1,23,456.78"; whole rupees drop the decimals ("₹4,999") unless `alwaysPaise` (payments
 * show "₹4,999.00"). Exact at any size: the rupees are formatted as a BigInt and the paise
 * appended, never divided as a float.
 */
export function formatPaise(paise: bigint | string | number, { alwaysPaise = false }: { alwaysPaise?: boolean } = {}): string {
  const value = BigInt(paise);
  const magnitude = value < 0n ? -value : value;
  const rupees = RUPEES.format(value < 0n ? -(magnitude / 100n) : magnitude / 100n);
  const rest = magnitude % 100n;
  if (rest === 0n && !alwaysPaise) return value < 0n && magnitude / 100n === 0n ? "-₹0" : rupees;
  const text = `${rupees}.${rest.toString().padStart(2, "0")}`;
  return value < 0n && magnitude / 100n === 0n ? `-${text}` : text;
}

const WHOLE_RUPEES = new Intl.NumberFormat("en-IN", { style: "currency", currency: "INR", maximumFractionDigits: 0 });

/**
 * Paise to whole rupees, rounded half up (half away from zero): "₹2,38,171" for
 * 2,38,171.05 and "₹750" for 749.50. For estimates such as weighted forecasts, where
 * paise are noise; exact with BigInt (decimal strings from API answers) at any size.
 */
export function formatWholeRupees(paise: bigint | string | number): string {
  const value = BigInt(paise);
  const magnitude = (value < 0n ? -value : value) + 50n;
  const rupees = magnitude / 100n;
  return WHOLE_RUPEES.format(value < 0n && rupees !== 0n ? -rupees : rupees);
}

/** A short description of a browser from its user agent. */
export function describeUserAgent(userAgent: string | null): string {
  if (!userAgent) return "Unknown browser";
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /Chrome\//.test(userAgent)
      ? "Chrome"
      : /Firefox\//.test(userAgent)
        ? "Firefox"
        : /Safari\//.test(userAgent)
          ? "Safari"
          : "Browser";
  const system = /Android/.test(userAgent)
    ? "Android"
    : /iPhone|iPad/.test(userAgent)
      ? "iOS"
      : /Windows/.test(userAgent)
        ? "Windows"
        : /Mac OS X/.test(userAgent)
          ? "macOS"
          : /Linux/.test(userAgent)
            ? "Linux"
            : "";
  return system ? `${browser} on ${system}` : browser;
}

/** "1 note", "2 notes", "1,250 follow-ups": a count with its noun in the right number. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString("en-IN")} ${count === 1 ? singular : plural}`;
}
