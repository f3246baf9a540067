import { describe, expect, test } from "vitest";
import { normalizePhone } from "~/utils/phone.server";
import { previewPhone } from "~/utils/phone";

describe("normalizePhone (the server's full metadata)", () => {
  test("the common Indian ways of writing one number are the same person", () => {
    for (const input of ["98765 43210", "098765-43210", "+91 98765 43210", "+919876543210", "91 98765 43210", "(098765) 43210"]) {
      expect(normalizePhone(input)).toBe("+919876543210");
    }
  });
  test("keeps other countries when written with their code", () => {
    expect(normalizePhone("+1 415 555 2671")).toBe("+14155552671");
  });
  test("refuses what is not a phone number", () => {
    for (const input of ["", "12345", "abcdefghij", "98765 4321", "+91 12345 67890 12345", "9".repeat(50)]) {
      expect(normalizePhone(input)).toBeNull();
    }
  });
  test("refuses Indian numbers of the right length in ranges that don't exist, which the browser's metadata lets through", () => {
    // Hyderabad (040) and Pune (020) landlines never continue with a 1; 59… is not a mobile range.
    for (const input of ["040 1234 5678", "020 1234 5678", "+91 59999 99999"]) {
      expect(previewPhone(input), input).not.toBeNull();
      expect(normalizePhone(input), input).toBeNull();
    }
    expect(normalizePhone("040 2345 6789")).toBe("+914023456789");
  });
});
