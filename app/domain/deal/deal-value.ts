// Deal values: typed in rupees ("4,999", "₹1,23,456.50"), stored as integer
// paise in a BigInt column. Read digit by digit like every amount (domain/payment/money), never as floats.
// Browser-safe: the deal form validates with the same rules.
import { paiseToRupeesInput, readRupeeText, type RupeeTextProblem } from "~/domain/payment/money";
import { formatPaise } from "~/utils/format";

/** ₹100 crore, the largest deal value we accept, in paise. */
export const MAX_DEAL_VALUE_PAISE = 100n * 10_000_000n * 100n;

export type RupeeParseResult = { ok: true; paise: bigint } | { ok: false; message: string };

const REFUSALS: Record<RupeeTextProblem, string> = {
  empty: "Enter the deal value in rupees",
  notANumber: "Enter an amount in rupees, like 4,999 or 4999.50",
  commas: "Put commas only between digit groups, like 1,23,456",
  negative: "The value can't be negative",
  decimals: "Use at most 2 decimal places (paise)",
};

/** Reads a rupee amount as typed by a person (the same reading as a payment's) and returns it in paise; ₹0 is a value. */
export function parseRupeesToPaise(input: string): RupeeParseResult {
  const reading = readRupeeText(input);
  if (!reading.ok) return { ok: false, message: REFUSALS[reading.problem] };
  if (reading.paise > MAX_DEAL_VALUE_PAISE) return { ok: false, message: "The value can be at most ₹100 crore" };
  return reading;
}

/** Paise back to what a person would type: "4999", "4999.50". */
export function paiseToRupeeInput(paise: bigint | string): string {
  return paiseToRupeesInput(typeof paise === "bigint" ? paise : BigInt(paise));
}

/** A paise amount from an API answer (a decimal string) as ₹1,23,456. */
export function formatDealValue(paise: bigint | string): string {
  return formatPaise(Number(paise));
}
