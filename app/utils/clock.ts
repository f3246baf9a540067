// The one clock. Timestamps are stored in UTC; every "now", "day", "today",
// month and local date-time a person sees or types goes through this module,
// in the organization's IANA time zone (Organization.timezone), with date-fns
// and @date-fns/tz doing the zone arithmetic (daylight saving included).
// Never add a fixed offset anywhere else. Browser-safe.
import { TZDate, tz } from "@date-fns/tz";
import { addDays, addMonths, format, startOfDay, startOfMonth } from "date-fns";

/** The zone of an organization that hasn't chosen one (Organization.timezone's default). */
export const DEFAULT_TIME_ZONE = "Asia/Kolkata";

/** What tells the time. Tests replace it with `setClock`; nothing else reads the system time. */
export type Clock = { now(): Date };

const systemClock: Clock = { now: () => new Date() };
let current: Clock = systemClock;

/** The current instant, from the installed clock. */
export function now(): Date {
  return current.now();
}

/** Installs a clock (a fixed instant or a function) and returns a function that puts the previous one back. */
export function setClock(clock: Clock | Date): () => void {
  const previous = current;
  current = clock instanceof Date ? { now: () => new Date(clock.getTime()) } : clock;
  return () => {
    current = previous;
  };
}

// An IANA name: "UTC", or Area/Location with capitalised parts ("America/Argentina/Buenos_Aires",
// "America/Port-au-Prince", "Etc/GMT+5"). Legacy abbreviations such as "EST" or "IST" are refused:
// "IST" means India, Israel or Ireland depending on who reads it.
const IANA_NAME = /^(?:UTC|[A-Z][A-Za-z_]*(?:\/[A-Z][A-Za-z0-9_+-]*)+)$/;

/** True when `value` is an IANA time zone name this runtime knows. */
export function isTimeZone(value: string): boolean {
  if (value.length > 64 || !IANA_NAME.test(value)) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** The organization's zone when it is a valid one, else the default (a corrupted row never breaks a page). */
export function timeZoneOrDefault(value: string | null | undefined): string {
  return value && isTimeZone(value) ? value : DEFAULT_TIME_ZONE;
}

/** The calendar day containing `instant` in `timeZone`: [start, end). A DST day is 23 or 25 hours long. */
export function dayRange(instant: Date, timeZone: string): { start: Date; end: Date } {
  const start = startOfDay(instant, { in: tz(timeZone) });
  return { start: new Date(start.getTime()), end: new Date(addDays(start, 1).getTime()) };
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A "YYYY-MM-DD" day in `timeZone` as [start, end) instants; null when the day doesn't exist. */
export function localDayRange(isoDate: string, timeZone: string): { start: Date; end: Date } | null {
  const match = ISO_DATE.exec(isoDate);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const start = new TZDate(year, month - 1, day, timeZone);
  if (start.getFullYear() !== year || start.getMonth() !== month - 1 || start.getDate() !== day) return null;
  // A zone whose clocks jump at midnight starts that day at 01:00: startOfDay finds the real start.
  const first = startOfDay(start);
  return { start: new Date(first.getTime()), end: new Date(addDays(first, 1).getTime()) };
}

/** The first instant of the month containing `instant` in `timeZone`, moved by `months` (negative for earlier). */
export function monthStart(instant: Date, timeZone: string, months = 0): Date {
  const start = startOfMonth(instant, { in: tz(timeZone) });
  return new Date(addMonths(start, months).getTime());
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * "2026-11-22T15:30" (a `datetime-local` value, read in `timeZone`) or a full ISO time with an
 * offset → a Date; null when it is not a real time. A wall time skipped by a daylight-saving jump
 * (02:30 on the night clocks go forward) is read as the same time after the jump.
 */
export function parseLocalDateTime(value: string, timeZone: string): Date | null {
  const text = value.trim();
  const local = LOCAL_DATE_TIME.exec(text);
  if (local) {
    const [y, mo, d, h, mi, s] = local.slice(1).map((part) => (part === undefined ? 0 : Number(part))) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
    const calendar = new Date(Date.UTC(y, mo - 1, d));
    if (calendar.getUTCMonth() !== mo - 1 || calendar.getUTCDate() !== d) return null;
    return new Date(new TZDate(y, mo - 1, d, h, mi, s, timeZone).getTime());
  }
  if (WITH_OFFSET.test(text)) {
    const date = new Date(text);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  return null;
}

/** An instant as a `datetime-local` value in `timeZone` ("2026-11-22T15:30"). */
export function toLocalDateTimeInput(instant: Date, timeZone: string): string {
  return format(new TZDate(instant.getTime(), timeZone), "yyyy-MM-dd'T'HH:mm");
}

/** An instant's calendar date in `timeZone` ("2026-11-22"). */
export function localDate(instant: Date, timeZone: string): string {
  return format(new TZDate(instant.getTime(), timeZone), "yyyy-MM-dd");
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const zoneNameFormats = new Map<string, Intl.DateTimeFormat>();

function cached(cache: Map<string, Intl.DateTimeFormat>, timeZone: string, options: Intl.DateTimeFormatOptions) {
  let formatter = cache.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-IN", { ...options, timeZone });
    cache.set(timeZone, formatter);
  }
  return formatter;
}

/** "22 Nov 2026, 3:04 pm" in `timeZone`. */
export function formatDateTime(value: string | Date, timeZone: string): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return cached(dateTimeFormats, timeZone, { dateStyle: "medium", timeStyle: "short" }).format(date);
}

/** The short name of `timeZone` at `instant`: "IST", "GST", "GMT-5" (EST in winter, as India writes it). */
export function timeZoneName(instant: Date, timeZone: string): string {
  const parts = cached(zoneNameFormats, timeZone, { timeZoneName: "short" }).formatToParts(instant);
  return parts.find((part) => part.type === "timeZoneName")?.value ?? timeZone;
}
