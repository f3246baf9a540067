// Money for payments: integer paise (BigInt) in code and database, rupees only where a person
// reads or types them. Everything here works on digit strings and BigInt, never on floats, so
// ₹5,00,00,000.00 is as exact as ₹0.01. Browser-safe: forms check amounts with the same rules.
import { z } from "zod";
import { formatPaise } from "~/utils/format";

/** The largest amount a product or payment may have, in paise. */
export const MAX_AMOUNT_PAISE = 5_000_000_000n;

/** An amount to pay as payments show it, always with paise: 12345600n → "₹1,23,456.00", -100000n → "-₹1,000.00". */
export function formatAmount(paise: bigint): string {
  return formatPaise(paise, { alwaysPaise: true });
}

/** Paise back to what a person would type in a form: 149950n → "1499.50", 149900n → "1499". */
export function paiseToRupeesInput(paise: bigint): string {
  const negative = paise < 0n;
  const magnitude = negative ? -paise : paise;
  const rupees = (magnitude / 100n).toString();
  const rest = magnitude % 100n;
  const text = rest === 0n ? rupees : `${rupees}.${rest.toString().padStart(2, "0")}`;
  return negative ? `-${text}` : text;
}

/** Why typed rupees could not be read as an amount. */
export type RupeeTextProblem = "empty" | "notANumber" | "commas" | "negative" | "decimals";

export type RupeeTextReading = { ok: true; paise: bigint } | { ok: false; problem: RupeeTextProblem };

// Whole rupees: plain digits, or grouped the Indian way (1,23,45,678) or the western way (12,345,678).
const PLAIN = /^\d+$/;
const INDIAN_GROUPS = /^\d{1,2}(,\d{2})*,\d{3}$/;
const WESTERN_GROUPS = /^\d{1,3}(,\d{3})+$/;
// A minus (ASCII or U+2212) before or after the currency: "-₹500", "₹-500", "- Rs. 500".
const SIGN_AND_CURRENCY = /^([-\u2212]?)\s*(?:₹|rs\.?|inr)?\s*([-\u2212]?)\s*/i;

/**
 * Reads rupees as a person types them ("1499", "1,499.50", "₹ 1499.5", "Rs. 4,999/-") into paise,
 * digit by digit. Any size is read exactly; limits (zero, a maximum) are the caller's to apply.
 */
export function readRupeeText(input: string): RupeeTextReading {
  let text = input.trim();
  if (text === "") return { ok: false, problem: "empty" };
  const sign = SIGN_AND_CURRENCY.exec(text);
  const negative = Boolean(sign?.[1] || sign?.[2]);
  text = text.slice(sign?.[0].length ?? 0).replace(/\s*\/-$/, "");
  const match = /^([\d,]*)(?:\.(\d*))?$/.exec(text);
  const whole = match?.[1] ?? "";
  const fraction = match?.[2];
  if (!match || (whole === "" && !fraction) || fraction === "") return { ok: false, problem: "notANumber" };
  if (whole !== "" && !PLAIN.test(whole) && !INDIAN_GROUPS.test(whole) && !WESTERN_GROUPS.test(whole)) return { ok: false, problem: "commas" };
  if (fraction !== undefined && fraction.length > 2) return { ok: false, problem: "decimals" };
  if (negative) return { ok: false, problem: "negative" };
  const paise = BigInt(whole.replace(/,/g, "") || "0") * 100n + BigInt((fraction ?? "").padEnd(2, "0"));
  return { ok: true, paise };
}

export type AmountProblem = RupeeTextProblem | "zero" | "tooLarge";

export type AmountParseResult = { ok: true; paise: bigint } | { ok: false; problem: AmountProblem; message: string };

/** The wording of each refusal; `noun` names the field ("amount", "price"). */
export function amountMessages(noun = "amount"): Record<AmountProblem, string> {
  const The = `The ${noun}`;
  return {
    empty: `Enter the ${noun} in rupees`,
    notANumber: `Enter the ${noun} as a number of rupees, like 1499 or 1,499.50`,
    commas: "Put commas only between digit groups, like 1,23,456",
    negative: `${The} can't be negative`,
    zero: `${The} must be more than ₹0`,
    decimals: "Use at most two decimal places (paise), like 1499.50",
    tooLarge: `${The} can be at most ${formatAmount(MAX_AMOUNT_PAISE).replace(/\.00$/, "")}`,
  };
}

/** What a person typed as an amount to charge → paise above zero and at most MAX_AMOUNT_PAISE, or why not. */
export function parseRupeesToPaise(text: string, { noun = "amount" }: { noun?: string } = {}): AmountParseResult {
  const reading = readRupeeText(text);
  const refuse = (problem: AmountProblem): AmountParseResult => ({ ok: false, problem, message: amountMessages(noun)[problem] });
  if (!reading.ok) return refuse(reading.problem);
  if (reading.paise === 0n) return refuse("zero");
  if (reading.paise > MAX_AMOUNT_PAISE) return refuse("tooLarge");
  return reading;
}

/**
 * A form field of rupees as typed → BigInt paise. A bigint (this schema's own output, when an
 * action passes its parsed form on to a procedure) is read as paise and checked again, so
 * parsing twice gives the same answer. Numbers are refused: "1499" as text says what it means.
 */
export function rupeesAmount({ noun = "amount" }: { noun?: string } = {}) {
  const messages = amountMessages(noun);
  return z.preprocess(
    (value) => (value === undefined || value === null ? "" : typeof value === "bigint" ? paiseToRupeesInput(value) : value),
    z.string({ message: messages.notANumber }).transform((text, ctx) => {
      const parsed = parseRupeesToPaise(text, { noun });
      if (!parsed.ok) {
        ctx.addIssue({ code: "custom", message: parsed.message });
        return z.NEVER;
      }
      return parsed.paise;
    }),
  );
}

/** An amount to charge in rupees, as typed in a form → BigInt paise. */
export const rupeesAmountSchema = rupeesAmount();
