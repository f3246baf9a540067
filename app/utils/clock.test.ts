import { afterEach, describe, expect, test } from "vitest";
import {
  dayRange,
  formatDateTime,
  isTimeZone,
  localDate,
  localDayRange,
  monthStart,
  now,
  parseLocalDateTime,
  setClock,
  timeZoneName,
  timeZoneOrDefault,
  toLocalDateTimeInput,
} from "~/utils/clock";

const iso = (date: Date | null | undefined) => date?.toISOString();

describe("the clock", () => {
  let restore: (() => void) | null = null;
  afterEach(() => restore?.());

  test("now() is the installed clock's, and restoring puts the system clock back", () => {
    restore = setClock(new Date("2026-11-22T18:29:00Z"));
    expect(iso(now())).toBe("2026-11-22T18:29:00.000Z");
    restore();
    restore = null;
    expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(60_000);
  });
});

describe("time zone names", () => {
  test("accepts IANA names and refuses abbreviations, offsets and unknown places", () => {
    for (const zone of ["Asia/Kolkata", "America/New_York", "Asia/Dubai", "UTC", "America/Argentina/Buenos_Aires", "Etc/GMT+5"]) {
      expect(isTimeZone(zone), zone).toBe(true);
    }
    for (const zone of ["IST", "EST", "+05:30", "GMT+5", "Mars/Olympus_Mons", "asia/kolkata", "", "Asia/Kolkata "]) {
      expect(isTimeZone(zone), zone).toBe(false);
    }
    expect(timeZoneOrDefault("Mars/Olympus_Mons")).toBe("Asia/Kolkata");
    expect(timeZoneOrDefault(null)).toBe("Asia/Kolkata");
    expect(timeZoneOrDefault("Asia/Dubai")).toBe("Asia/Dubai");
  });
});

describe("days in India (UTC+05:30, no daylight saving)", () => {
  test("23:59 IST is still the day; 00:01 IST is the next", () => {
    // 23:59 IST on 22 Nov = 18:29 UTC; 00:01 IST on 23 Nov = 18:31 UTC.
    expect(iso(dayRange(new Date("2026-11-22T18:29:00Z"), "Asia/Kolkata").start)).toBe("2026-11-21T18:30:00.000Z");
    const next = dayRange(new Date("2026-11-22T18:31:00Z"), "Asia/Kolkata");
    expect([iso(next.start), iso(next.end)]).toEqual(["2026-11-22T18:30:00.000Z", "2026-11-23T18:30:00.000Z"]);
    expect(localDate(new Date("2026-11-22T18:29:00Z"), "Asia/Kolkata")).toBe("2026-11-22");
    expect(localDate(new Date("2026-11-22T18:31:00Z"), "Asia/Kolkata")).toBe("2026-11-23");
  });

  test("a datetime-local value is read in the zone, and written back the same", () => {
    expect(iso(parseLocalDateTime("2026-11-22T15:30", "Asia/Kolkata"))).toBe("2026-11-22T10:00:00.000Z");
    expect(iso(parseLocalDateTime("2026-11-22T00:10", "Asia/Kolkata"))).toBe("2026-11-21T18:40:00.000Z");
    expect(iso(parseLocalDateTime("2026-11-22T10:00:00Z", "Asia/Kolkata"))).toBe("2026-11-22T10:00:00.000Z");
    expect(parseLocalDateTime("2026-02-30T10:00", "Asia/Kolkata")).toBeNull();
    expect(parseLocalDateTime("2026-11-22T24:00", "Asia/Kolkata")).toBeNull();
    expect(parseLocalDateTime("tomorrow", "Asia/Kolkata")).toBeNull();
    expect(toLocalDateTimeInput(new Date("2026-11-21T18:40:00Z"), "Asia/Kolkata")).toBe("2026-11-22T00:10");
  });

  test("a calendar day and a month start at local midnight", () => {
    const day = localDayRange("2026-11-10", "Asia/Kolkata")!;
    expect([iso(day.start), iso(day.end)]).toEqual(["2026-11-09T18:30:00.000Z", "2026-11-10T18:30:00.000Z"]);
    expect(localDayRange("2026-02-30", "Asia/Kolkata")).toBeNull();
    expect(localDayRange("10/11/2026", "Asia/Kolkata")).toBeNull();
    // 00:01 IST on 1 Dec is still 30 Nov in UTC, but December in India.
    expect(iso(monthStart(new Date("2026-11-30T18:31:00Z"), "Asia/Kolkata"))).toBe("2026-11-30T18:30:00.000Z");
    expect(iso(monthStart(new Date("2026-11-30T18:31:00Z"), "Asia/Kolkata", -1))).toBe("2026-10-31T18:30:00.000Z");
  });

  test("times are shown in the zone, with its name", () => {
    expect(formatDateTime("2026-11-22T18:29:00Z", "Asia/Kolkata")).toMatch(/^22 Nov 2026, 11:59\s?pm$/);
    expect(formatDateTime("2026-11-22T18:31:00Z", "Asia/Kolkata")).toMatch(/^23 Nov 2026, 12:01\s?am$/);
    expect(timeZoneName(new Date("2026-11-22T18:29:00Z"), "Asia/Kolkata")).toBe("IST");
  });
});

describe("days in New York across daylight saving", () => {
  const zone = "America/New_York";

  test("the day clocks go forward is 23 hours long, the day they go back 25", () => {
    // 8 March 2026: EST (-05:00) until 02:00, then EDT (-04:00).
    const spring = dayRange(new Date("2026-03-08T12:00:00Z"), zone);
    expect([iso(spring.start), iso(spring.end)]).toEqual(["2026-03-08T05:00:00.000Z", "2026-03-09T04:00:00.000Z"]);
    // 1 November 2026: EDT until 02:00, then EST.
    const autumn = localDayRange("2026-11-01", zone)!;
    expect([iso(autumn.start), iso(autumn.end)]).toEqual(["2026-11-01T04:00:00.000Z", "2026-11-02T05:00:00.000Z"]);
  });

  test("local times on either side of the change, and one the change skips", () => {
    expect(iso(parseLocalDateTime("2026-03-07T10:00", zone))).toBe("2026-03-07T15:00:00.000Z");
    expect(iso(parseLocalDateTime("2026-03-09T10:00", zone))).toBe("2026-03-09T14:00:00.000Z");
    // 02:30 doesn't happen on 8 March; it is read as 03:30 EDT.
    expect(iso(parseLocalDateTime("2026-03-08T02:30", zone))).toBe("2026-03-08T07:30:00.000Z");
    expect(toLocalDateTimeInput(new Date("2026-03-09T14:00:00Z"), zone)).toBe("2026-03-09T10:00");
    expect(formatDateTime("2026-03-09T14:00:00Z", zone)).toMatch(/^9 Mar 2026, 10:00\s?am$/);
  });

  test("23:59 and 00:01 New York time fall on different days, whatever India's date is", () => {
    // 23:59 EST on 10 Dec is 04:59 UTC on the 11th (and 10:29 on the 11th in India).
    expect(localDate(new Date("2026-12-11T04:59:00Z"), zone)).toBe("2026-12-10");
    expect(localDate(new Date("2026-12-11T05:01:00Z"), zone)).toBe("2026-12-11");
    expect(iso(monthStart(new Date("2026-11-15T12:00:00Z"), zone))).toBe("2026-11-01T04:00:00.000Z");
  });
});

describe("days in Dubai (UTC+04:00)", () => {
  test("its midnight is 20:00 UTC", () => {
    const day = dayRange(new Date("2026-11-22T19:59:00Z"), "Asia/Dubai");
    expect([iso(day.start), iso(day.end)]).toEqual(["2026-11-21T20:00:00.000Z", "2026-11-22T20:00:00.000Z"]);
    expect(iso(dayRange(new Date("2026-11-22T20:01:00Z"), "Asia/Dubai").start)).toBe("2026-11-22T20:00:00.000Z");
    expect(iso(parseLocalDateTime("2026-11-22T15:30", "Asia/Dubai"))).toBe("2026-11-22T11:30:00.000Z");
  });
});
