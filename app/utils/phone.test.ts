import { describe, expect, test } from "vitest";
import { formatPhone, phoneSearchDigits, previewPhone } from "~/utils/phone";

describe("previewPhone (the browser's small metadata)", () => {
  test("the common Indian ways of writing one number are the same person", () => {
    for (const input of ["98765 43210", "098765-43210", "+91 98765 43210", "+919876543210", "91 98765 43210", "(098765) 43210"]) {
      expect(previewPhone(input)).toBe("+919876543210");
    }
  });
  test("keeps other countries when written with their code", () => {
    expect(previewPhone("+1 415 555 2671")).toBe("+14155552671");
  });
  test("refuses what is not a phone number", () => {
    for (const input of ["", "12345", "abcdefghij", "98765 4321", "+91 12345 67890 12345", "9".repeat(50)]) {
      expect(previewPhone(input)).toBeNull();
    }
  });
});

test("formatPhone shows E.164 readably", () => {
  expect(formatPhone("+919876543210")).toBe("+91 98765 43210");
});

test("phoneSearchDigits recognises phone-like search terms only", () => {
  expect(phoneSearchDigits("43210")).toBe("43210");
  expect(phoneSearchDigits("+91 98765-43210")).toBe("919876543210");
  expect(phoneSearchDigits("Priya")).toBeNull();
  expect(phoneSearchDigits("12")).toBeNull();
});
