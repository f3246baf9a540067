// What an admin enters on Settings › Opt-out: a word to add to (or take off) the opt-out or opt-in
// list, and the two confirmations. Shared by the form (Conform, in the browser), the form action and
// the procedures.
import { z } from "zod";
import { normalizeKeywordText } from "~/domain/conversation/opt-out-keywords";

export const CONSENT_KEYWORD_LISTS = ["OPT_OUT", "OPT_IN"] as const;
export type ConsentKeywordList = (typeof CONSENT_KEYWORD_LISTS)[number];

export const CONSENT_KEYWORD_LIST_LABELS: Record<ConsentKeywordList, string> = { OPT_OUT: "opt-out", OPT_IN: "opt-in" };

/** The most words one list may hold, and the longest word (a short phrase). */
export const MAX_CONSENT_KEYWORDS = 200;
export const MAX_CONSENT_KEYWORD_LENGTH = 60;
export const MAX_CONFIRMATION_LENGTH = 1000;

export const consentKeywordListField = z.enum(CONSENT_KEYWORD_LISTS, { message: "Choose the opt-out or the opt-in list" });

/** A word or short phrase, kept as typed (trimmed); matched after normalizeKeywordText. */
export const consentKeywordField = z
  .string({ message: "Enter a word" })
  .trim()
  .min(1, { message: "Enter a word" })
  .max(MAX_CONSENT_KEYWORD_LENGTH, { message: `Use at most ${MAX_CONSENT_KEYWORD_LENGTH} characters` })
  .refine((word) => !/[\r\n\t]/.test(word), { message: "Use a single line" })
  .refine((word) => normalizeKeywordText(word) !== "", { message: "A word needs letters or digits, not only punctuation" });

export const addConsentKeywordSchema = z.object({ list: consentKeywordListField, word: consentKeywordField });
export type AddConsentKeywordInput = z.output<typeof addConsentKeywordSchema>;

export const removeConsentKeywordSchema = z.object({
  list: consentKeywordListField,
  word: z.string({ message: "Choose a word" }).trim().min(1, { message: "Choose a word" }).max(MAX_CONSENT_KEYWORD_LENGTH),
});
export type RemoveConsentKeywordInput = z.output<typeof removeConsentKeywordSchema>;

const confirmationField = (what: string) =>
  z
    .string({ message: `Enter the ${what} confirmation` })
    .trim()
    .min(1, { message: `Enter the ${what} confirmation` })
    .max(MAX_CONFIRMATION_LENGTH, { message: `Use at most ${MAX_CONFIRMATION_LENGTH} characters` });

export const updateConsentConfirmationsSchema = z.object({
  optOutConfirmation: confirmationField("opt-out"),
  optInConfirmation: confirmationField("opt-in"),
});
export type UpdateConsentConfirmationsInput = z.output<typeof updateConsentConfirmationsSchema>;
