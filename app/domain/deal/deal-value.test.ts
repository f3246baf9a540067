import { describe, expect, test } from "vitest";
import {
  formatDealValue,
  MAX_DEAL_VALUE_PAISE,
  paiseToRupeeInput,
  parseRupeesToPaise,
} from "~/domain/deal/deal-value";
import { createDealSchema } from "~/trpc/routers/deal/create.schema";

function paise(input: string) {
  const result = parseRupeesToPaise(input);
  if (!result.ok) throw new Error(`"${input}" was refused: ${result.message}`);
  return result.paise;
}

function refusal(input: string) {
  const result = parseRupeesToPaise(input);
  if (result.ok) throw new Error(`"${input}" was accepted as ${result.paise}`);
  return result.message;
}

describe("parseRupeesToPaise", () => {
  test.each([
    ["4999", 499_900n],
    ["4,999", 499_900n],
    ["4999.50", 499_950n],
    ["4999.5", 499_950n],
    ["4,999.05", 499_905n],
    ["0.01", 1n],
    [".5", 50n],
    ["0", 0n],
    ["  2,49,999  ", 24_999_900n],
    ["1,23,456", 12_345_600n],
    ["12,34,56,789", 123_456_789_00n],
    ["123,456,789", 123_456_789_00n],
    ["₹4,999", 499_900n],
    ["₹ 4999", 499_900n],
    ["Rs. 4999", 499_900n],
    ["rs 4999", 499_900n],
    ["INR 4999", 499_900n],
    ["007", 700n],
  ])("%s → %s paise", (input, expected) => {
    expect(paise(input)).toBe(expected);
  });

  test("₹100 crore is the most a deal can be worth; a paisa more is refused", () => {
    expect(paise("1,00,00,00,000")).toBe(MAX_DEAL_VALUE_PAISE);
    expect(paise("1000000000.00")).toBe(100_000_000_000n);
    expect(refusal("1000000000.01")).toMatch(/at most ₹100 crore/);
    expect(refusal("1,00,00,00,001")).toMatch(/at most ₹100 crore/);
    expect(refusal("99999999999999999999999")).toMatch(/at most ₹100 crore/);
  });

  test("more than two decimals is refused, not rounded", () => {
    expect(refusal("4999.505")).toMatch(/at most 2 decimal places/);
    expect(refusal("0.001")).toMatch(/at most 2 decimal places/);
  });

  test("negatives are refused", () => {
    expect(refusal("-1")).toMatch(/can't be negative/);
    expect(refusal("-0.50")).toMatch(/can't be negative/);
    expect(refusal("₹-4,999")).toMatch(/can't be negative/);
  });

  test.each(["", "   ", "abc", "4 999", "4,99", "49,99,9", "1,,000", ",999", "4999,", "4999.", "1e5", "4.999.50", "+4999", "0x10", "NaN", "Infinity", "٤٩٩٩"])(
    "%j is refused with a message",
    (input) => {
      expect(refusal(input).length).toBeGreaterThan(5);
    },
  );

  test("no floating point: values that floats get wrong come out exact", () => {
    expect(paise("0.29")).toBe(29n); // 0.29 * 100 = 28.999999999999996 in floating point
    expect(paise("1.15")).toBe(115n); // 1.15 * 100 = 114.99999999999999
    expect(paise("999999999.99")).toBe(99_999_999_999n);
  });
});

describe("paiseToRupeeInput and formatDealValue", () => {
  test("round trip what a person typed", () => {
    for (const text of ["4999", "4999.50", "0.01", "0", "1000000000"]) {
      expect(paiseToRupeeInput(paise(text))).toBe(text);
    }
    expect(paiseToRupeeInput("499905")).toBe("4999.05");
  });

  test("shows Indian grouping with the rupee sign", () => {
    expect(formatDealValue("12345600")).toBe("₹1,23,456");
    expect(formatDealValue(499_950n)).toBe("₹4,999.50");
    expect(formatDealValue("0")).toBe("₹0");
  });
});

describe("the deal form schema", () => {
  const base = { title: "Nifty Trend Rider licence", stageId: "7f8c2a4e-1b3d-4c5e-8f9a-0b1c2d3e4f5a" };

  test("turns the rupee text into paise and blanks into nothing", () => {
    const parsed = createDealSchema.parse({ ...base, value: "4,999.50", contactId: "", probability: "", expectedCloseDate: "" });
    expect(parsed.value).toBe(499_950n);
    expect(parsed.contactId).toBeUndefined();
    expect(parsed.probability).toBeUndefined();
    expect(parsed.expectedCloseDate).toBeUndefined();
  });

  test("refuses bad values with a message on the field", () => {
    const result = createDealSchema.safeParse({ ...base, value: "4999.999", probability: "101", expectedCloseDate: "31/12/2026" });
    expect(result.success).toBe(false);
    const byField = Object.fromEntries(result.error!.issues.map((issue) => [issue.path.join("."), issue.message]));
    expect(byField.value).toMatch(/2 decimal places/);
    expect(byField.probability).toMatch(/0 to 100/);
    expect(byField.expectedCloseDate).toMatch(/date like/);
  });
});

test("the form schema's output parses again to the same value (actions pass it on to the procedure)", () => {
  const base = { title: "T", stageId: "7f8c2a4e-1b3d-4c5e-8f9a-0b1c2d3e4f5a" };
  for (const value of ["4,999", "4999.05", "0.01", "1,00,00,00,000"]) {
    const once = createDealSchema.parse({ ...base, value });
    expect(createDealSchema.parse(once)).toEqual(once);
  }
  expect(createDealSchema.safeParse({ ...base, value: -5n }).success).toBe(false);
  expect(createDealSchema.safeParse({ ...base, value: MAX_DEAL_VALUE_PAISE + 1n }).success).toBe(false);
});
