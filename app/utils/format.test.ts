import { describe, expect, test } from "vitest";
import { formatCalendarDate, formatDateTime, formatPaise, formatWholeRupees } from "~/utils/format";

describe("formatCalendarDate", () => {
  test("prints a close date like every other date: 2 Dec 2026", () => {
    expect(formatCalendarDate("2026-12-02")).toBe("2 Dec 2026");
    expect(formatCalendarDate("2027-01-31")).toBe("31 Jan 2027");
    // The same style as the date part of a timestamp.
    expect(formatDateTime("2026-12-02T06:30:00Z", "Asia/Kolkata")).toMatch(/^2 Dec 2026, /);
  });

  test("the day never shifts with the time zone (1 Jan stays 1 Jan)", () => {
    expect(formatCalendarDate("2027-01-01")).toBe("1 Jan 2027");
    expect(formatCalendarDate("2026-12-31")).toBe("31 Dec 2026");
  });

  test("something that isn't a date is shown as it is", () => {
    expect(formatCalendarDate("soon")).toBe("soon");
    expect(formatCalendarDate("2026-13-45")).toBe("2026-13-45");
  });
});

describe("formatWholeRupees", () => {
  test("rounds paise to the nearest rupee, half up", () => {
    expect(formatWholeRupees("23817105")).toBe("₹2,38,171");
    expect(formatWholeRupees(74_950)).toBe("₹750");
    expect(formatWholeRupees(74_949)).toBe("₹749");
    expect(formatWholeRupees(124_988n)).toBe("₹1,250");
    expect(formatWholeRupees("0")).toBe("₹0");
    expect(formatWholeRupees(49)).toBe("₹0");
  });

  test("stays exact beyond what a JavaScript number holds", () => {
    // ₹1,97,99,99,99,999.99 (two deals near ₹100 crore at 99%) rounds up to the next rupee.
    expect(formatWholeRupees("19799999999999")).toBe("₹1,98,00,00,00,000");
    // 2^53 + 1 rupees, in paise: a float would lose the last rupee.
    expect(formatWholeRupees("900719925474099300")).toBe("₹9,00,71,99,25,47,40,993");
  });

  test("negative amounts round away from zero like positive ones", () => {
    expect(formatWholeRupees(-74_950)).toBe("-₹750");
    expect(formatWholeRupees(-49)).toBe("₹0");
  });

  test("whole amounts read the same as formatPaise", () => {
    expect(formatWholeRupees(12_345_600)).toBe(formatPaise(12_345_600));
  });
});
