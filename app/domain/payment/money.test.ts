import { describe, expect, test } from "vitest";
import { z } from "zod";
import {
  MAX_AMOUNT_PAISE,
  formatAmount,
  paiseToRupeesInput,
  parseRupeesToPaise,
  readRupeeText,
  rupeesAmount,
  rupeesAmountSchema,
} from "~/domain/payment/money";

function paise(text: string) {
  const result = parseRupeesToPaise(text);
  if (!result.ok) throw new Error(`"${text}" was refused: ${result.message}`);
  return result.paise;
}

function refusal(text: string) {
  const result = parseRupeesToPaise(text);
  if (result.ok) throw new Error(`"${text}" was accepted as ${result.paise} paise`);
  return result;
}

describe("formatAmount", () => {
  test.each([
    [12_345_600n, "₹1,23,456.00"],
    [0n, "₹0.00"],
    [1n, "₹0.01"],
    [99n, "₹0.99"],
    [100n, "₹1.00"],
    [499_900n, "₹4,999.00"],
    [149_950n, "₹1,499.50"],
    [99_999n, "₹999.99"],
    [100_000n, "₹1,000.00"],
    [10_000_000n, "₹1,00,000.00"],
    [12_345_678n, "₹1,23,456.78"],
    [MAX_AMOUNT_PAISE, "₹5,00,00,000.00"],
    [-100_000n, "-₹1,000.00"],
    [-5n, "-₹0.05"],
  ])("%s paise → %s", (value, expected) => {
    expect(formatAmount(value)).toBe(expected);
  });

  test("exact far beyond what a float holds", () => {
    expect(formatAmount(9_007_199_254_740_993n)).toBe("₹9,00,71,99,25,47,409.93");
    expect(formatAmount(123_456_789_012_345_678_901n)).toBe("₹12,34,56,78,90,12,34,56,789.01");
  });

  test("reads the same as the browser's own en-IN rupee format where a float is exact", () => {
    const intl = new Intl.NumberFormat("en-IN", { style: "currency", currency: "INR" });
    for (const value of [0n, 7n, 1_999n, 12_345_600n, 99_99_999n, 1_00_00_000_00n, -1_00_000n, 4_20_69_13_37n]) {
      expect(formatAmount(value), String(value)).toBe(intl.format(Number(value) / 100));
    }
  });
});

describe("parseRupeesToPaise", () => {
  test.each([
    ["1499", 149_900n],
    ["1,499.50", 149_950n],
    ["₹1499.5", 149_950n],
    ["  ₹ 1,499.50  ", 149_950n],
    ["₹4,999", 499_900n],
    ["Rs. 4999", 499_900n],
    ["rs 4999", 499_900n],
    ["INR 4999", 499_900n],
    ["₹4,999/-", 499_900n],
    ["4999 /-", 499_900n],
    ["0.01", 1n],
    [".5", 50n],
    ["007", 700n],
    ["1,23,456", 12_345_600n],
    ["123,456", 12_345_600n],
    ["5,00,00,000", 50_000_000_00n],
    ["5,00,00,000", MAX_AMOUNT_PAISE],
    ["50000000.00", MAX_AMOUNT_PAISE],
  ])("%j → %s paise", (text, expected) => {
    expect(paise(text)).toBe(expected);
  });

  test("no float arithmetic: amounts floats get wrong come out exact", () => {
    expect(paise("0.29")).toBe(29n); // 0.29 * 100 is 28.999999999999996 as a float
    expect(paise("1.15")).toBe(115n); // 1.15 * 100 is 114.99999999999999
    expect(paise("4,99,99,999.99")).toBe(4_999_999_999n);
  });

  test.each([
    ["", "empty", "Enter the amount in rupees"],
    ["   ", "empty", "Enter the amount in rupees"],
    ["abc", "notANumber", "Enter the amount as a number of rupees, like 1499 or 1,499.50"],
    ["₹", "notANumber", "Enter the amount as a number of rupees, like 1499 or 1,499.50"],
    ["1e5", "notANumber", expect.stringMatching(/as a number of rupees/)],
    ["+1499", "notANumber", expect.stringMatching(/as a number of rupees/)],
    ["14 99", "notANumber", expect.stringMatching(/as a number of rupees/)],
    ["1499.", "notANumber", expect.stringMatching(/as a number of rupees/)],
    ["12.34.56", "notANumber", expect.stringMatching(/as a number of rupees/)],
    ["٤٩٩٩", "notANumber", expect.stringMatching(/as a number of rupees/)],
    ["NaN", "notANumber", expect.stringMatching(/as a number of rupees/)],
    ["14,99", "commas", "Put commas only between digit groups, like 1,23,456"],
    ["1,,499", "commas", expect.stringMatching(/commas only between digit groups/)],
    [",999", "commas", expect.stringMatching(/commas/)],
    ["-1000", "negative", "The amount can't be negative"],
    ["−1000", "negative", "The amount can't be negative"],
    ["-₹1,000", "negative", "The amount can't be negative"],
    ["₹-1,000", "negative", "The amount can't be negative"],
    ["-0.50", "negative", "The amount can't be negative"],
    ["0", "zero", "The amount must be more than ₹0"],
    ["0.00", "zero", "The amount must be more than ₹0"],
    ["₹0", "zero", "The amount must be more than ₹0"],
    ["12.345", "decimals", "Use at most two decimal places (paise), like 1499.50"],
    ["0.001", "decimals", "Use at most two decimal places (paise), like 1499.50"],
    ["1499.500", "decimals", "Use at most two decimal places (paise), like 1499.50"],
    ["50000000.01", "tooLarge", "The amount can be at most ₹5,00,00,000"],
    ["50,00,00,001", "tooLarge", "The amount can be at most ₹5,00,00,000"],
    ["99999999999999999999999999", "tooLarge", "The amount can be at most ₹5,00,00,000"],
  ])("%j is refused as %s", (text, problem, message) => {
    expect(refusal(text)).toEqual({ ok: false, problem, message });
  });

  test("the field's noun is in the words", () => {
    expect(parseRupeesToPaise("", { noun: "price" })).toMatchObject({ message: "Enter the price in rupees" });
    expect(parseRupeesToPaise("-5", { noun: "price" })).toMatchObject({ message: "The price can't be negative" });
    expect(parseRupeesToPaise("0", { noun: "price" })).toMatchObject({ message: "The price must be more than ₹0" });
  });

  test("readRupeeText reads any size and leaves the limits to its caller", () => {
    expect(readRupeeText("0")).toEqual({ ok: true, paise: 0n });
    expect(readRupeeText("1,00,00,00,00,000.05")).toEqual({ ok: true, paise: 1_00_00_00_00_000_05n });
  });
});

describe("paiseToRupeesInput", () => {
  test("gives back what a person would type, and it parses to the same paise", () => {
    expect(paiseToRupeesInput(149_950n)).toBe("1499.50");
    expect(paiseToRupeesInput(149_900n)).toBe("1499");
    expect(paiseToRupeesInput(5n)).toBe("0.05");
    expect(paiseToRupeesInput(-100_000n)).toBe("-1000");
    for (const value of [1n, 10n, 99n, 149_950n, 499_900n, MAX_AMOUNT_PAISE]) {
      expect(paise(paiseToRupeesInput(value))).toBe(value);
    }
  });
});

describe("rupeesAmountSchema", () => {
  const form = z.object({ amount: rupeesAmountSchema, price: rupeesAmount({ noun: "price" }) });

  function fieldErrors(input: unknown) {
    const result = form.safeParse(input);
    expect(result.success).toBe(false);
    return Object.fromEntries(result.error!.issues.map((issue) => [issue.path.join("."), issue.message]));
  }

  test("turns form text into BigInt paise", () => {
    expect(form.parse({ amount: "₹1,499.50", price: " 4999 " })).toEqual({ amount: 149_950n, price: 499_900n });
  });

  test("refuses with a message on the field", () => {
    expect(fieldErrors({ amount: "12.345", price: "" })).toEqual({
      amount: "Use at most two decimal places (paise), like 1499.50",
      price: "Enter the price in rupees",
    });
    expect(fieldErrors({ price: "0" })).toEqual({ amount: "Enter the amount in rupees", price: "The price must be more than ₹0" });
    expect(fieldErrors({ amount: 1499, price: "x" })).toEqual({
      amount: "Enter the amount as a number of rupees, like 1499 or 1,499.50",
      price: "Enter the price as a number of rupees, like 1499 or 1,499.50",
    });
  });

  test("its own output parses again to the same value, and a bigint is checked like typed text", () => {
    const once = form.parse({ amount: "4,999.05", price: "5,00,00,000" });
    expect(form.parse(once)).toEqual(once);
    expect(fieldErrors({ amount: 0n, price: MAX_AMOUNT_PAISE + 1n })).toEqual({
      amount: "The amount must be more than ₹0",
      price: "The price can be at most ₹5,00,00,000",
    });
    expect(fieldErrors({ amount: -1n, price: 1n }).amount).toBe("The amount can't be negative");
  });
});
