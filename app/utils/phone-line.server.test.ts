import { expect, test } from "vitest";
import { isLandline } from "~/utils/phone-line.server";

test("Indian and other fixed lines are landlines", () => {
  for (const number of ["+911123456789", "+912224567890", "+914023456789", "+442079460000"]) {
    expect(isLandline(number), number).toBe(true);
  }
});

test("mobiles, numbers that may be either, and unknown numbers are not", () => {
  for (const number of ["+919876543210", "+918012345678", "+447911123456", "+14155552671", "+9100000", "not a number"]) {
    expect(isLandline(number), number).toBe(false);
  }
});
