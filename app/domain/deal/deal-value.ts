// Deal values: typed in rupees ("4,999", "₹1,23,456.50"), stored as integer
// paise in a BigInt column. Parsed with integer arithmetic only, never floats.
// Browser-safe: the deal form validates with the same rules.
import { formatPaise } from "~/utils/format";

/** ₹100 crore, the largest deal value we accept, in paise. */
export const MAX_DEAL_VALUE_PAISE = 100n * 10_000_000n * 100n;

export type RupeeParseResult = { ok: true; paise: bigint } | { ok: false; message: string };

// Whole rupees: plain digits, or grouped the Indian way (1,23,45,678) or the western way (12,345,678).
const PLAIN = /^\d+$/;
const INDIAN_GROUPS = /^\d{1,2}(,\d{2})*,\d{3}$/;
const WESTERN_GROUPS = /^\d{1,3}(,\d{3})+$/;

/** Reads a rupee amount as typed by a person and returns it in paise. */
export function parseRupeesToPaise(input: string): RupeeParseResult {
  let text = input.trim();
  if (text === "") return { ok: false, message: "Enter the deal value in rupees" };
  text = text.replace(/^(₹|rs\.?|inr)\s*/i, "");
  if (text.startsWith("-")) return { ok: false, message: "The value can't be negative" };
  const match = /^([\d,]*)(?:\.(\d*))?$/.exec(text);
  if (!match) return { ok: false, message: "Enter an amount in rupees, like 4,999 or 4999.50" };
  const whole = match[1] ?? "";
  const fraction = match[2];
  if (whole === "" && !fraction) return { ok: false, message: "Enter an amount in rupees, like 4,999 or 4999.50" };
  if (whole !== "" && !PLAIN.test(whole) && !INDIAN_GROUPS.test(whole) && !WESTERN_GROUPS.test(whole)) {
    return { ok: false, message: "Put commas only between digit groups, like 1,23,456" };
  }
  if (fraction !== undefined && fraction.length === 0) {
    return { ok: false, message: "Enter an amount in rupees, like 4,999 or 4999.50" };
  }
  if (fraction !== undefined && fraction.length > 2) {
    return { ok: false, message: "Use at most 2 decimal places (paise)" };
  }
  const digits = whole.replace(/,/g, "") || "0";
  if (digits.length > 12) return { ok: false, message: "The value can be at most ₹100 crore" };
  const paise = BigInt(digits) * 100n + BigInt((fraction ?? "").padEnd(2, "0") || "0");
  if (paise > MAX_DEAL_VALUE_PAISE) return { ok: false, message: "The value can be at most ₹100 crore" };
  return { ok: true, paise };
}

/** Paise back to what a person would type: "4999", "4999.50". */
export function paiseToRupeeInput(paise: bigint | string): string {
  const value = typeof paise === "bigint" ? paise : BigInt(paise);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const rupees = abs / 100n;
  const rest = abs % 100n;
  const text = rest === 0n ? rupees.toString() : `${rupees}.${rest.toString().padStart(2, "0")}`;
  return negative ? `-${text}` : text;
}

/** A paise amount from an API answer (a decimal string) as ₹1,23,456. */
export function formatDealValue(paise: bigint | string): string {
  return formatPaise(Number(paise));
}
