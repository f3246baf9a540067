// Follow-up times live in Asia/Kolkata (UTC+05:30, no daylight saving).
// Browser-safe: forms show and read `datetime-local` values in IST whatever
// the device's own time zone is.
const IST_OFFSET_MS = 330 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const OFFSET_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The IST calendar day containing `now`: [start, end). */
export function istDayBounds(now: Date): { start: Date; end: Date } {
  const shifted = new Date(now.getTime() + IST_OFFSET_MS);
  const start = Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth(), shifted.getUTCDate()) - IST_OFFSET_MS;
  return { start: new Date(start), end: new Date(start + DAY_MS) };
}

/**
 * "2026-11-22T15:30" (a `datetime-local` value, read as IST) or a full ISO time
 * with an offset → a Date; null when it is not a real time.
 */
export function parseIstDateTime(value: string): Date | null {
  const text = value.trim();
  const local = LOCAL_PATTERN.exec(text);
  if (local) {
    const [y, mo, d, h, mi, s] = local.slice(1).map((part) => (part === undefined ? 0 : Number(part))) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const utc = Date.UTC(y, mo - 1, d, h, mi, s);
    const check = new Date(utc);
    if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
    return new Date(utc - IST_OFFSET_MS);
  }
  if (OFFSET_PATTERN.test(text)) {
    const date = new Date(text);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  return null;
}

/** A Date as a `datetime-local` value in IST ("2026-11-22T15:30"). */
export function toIstDateTimeLocal(date: Date): string {
  return new Date(date.getTime() + IST_OFFSET_MS).toISOString().slice(0, 16);
}
