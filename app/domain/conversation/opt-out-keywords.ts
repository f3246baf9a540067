// The words that opt a customer out of (or back into) messages on a channel when they are the whole
// message, in English and in Hindi / Hinglish. Compared after normalizeKeywordText: trimmed,
// case-folded, punctuation and symbols removed, spaces collapsed. An opt-out word inside a longer
// message does not opt out; it is flagged so the chat can point it out. Browser-safe: these are the
// defaults an organization starts from; its own lists (Settings › Opt-out) replace them.

export const DEFAULT_OPT_OUT_KEYWORDS: readonly string[] = [
  "stop",
  "stopall",
  "stop all",
  "unsubscribe",
  "cancel",
  "end",
  "quit",
  // Hinglish
  "band karo",
  "bandh karo",
  "band kro",
  "band kar do",
  "band kardo",
  "message band karo",
  "messages band karo",
  "msg band karo",
  "message mat bhejo",
  "messages mat bhejo",
  "msg mat bhejo",
  "mat bhejo",
  "mujhe message mat bhejo",
  // Hindi
  "बंद करो",
  "बंद कर दो",
  "बंद करें",
  "मत भेजो",
  "मैसेज मत भेजो",
  "मैसेज बंद करो",
  "संदेश मत भेजो",
  "संदेश बंद करो",
];

export const DEFAULT_OPT_IN_KEYWORDS: readonly string[] = ["start", "unstop", "shuru karo", "chalu karo", "शुरू करो", "चालू करो"];

/** The confirmations an organization starts with, sent when an inbound word moves consent. */
export const DEFAULT_OPT_OUT_CONFIRMATION = "You have been unsubscribed and will get no more messages here. Reply START to resubscribe.";
export const DEFAULT_OPT_IN_CONFIRMATION = "You are subscribed again. Reply STOP to unsubscribe.";

/**
 * Flags a message may carry (Message.flags). Inbound, for the chat to point out: OPT_OUT, OPT_IN,
 * MENTIONS_OPT_OUT. Outbound: OPT_OUT_CONFIRMATION, the one message that may go to a contact who
 * has just opted out (the answer to that opt-out).
 */
export const MESSAGE_FLAGS = ["OPT_OUT", "OPT_IN", "MENTIONS_OPT_OUT", "OPT_OUT_CONFIRMATION"] as const;
export type MessageFlag = (typeof MESSAGE_FLAGS)[number];

export type KeywordLists = { optOut: readonly string[]; optIn: readonly string[] };

export const DEFAULT_KEYWORD_LISTS: KeywordLists = { optOut: DEFAULT_OPT_OUT_KEYWORDS, optIn: DEFAULT_OPT_IN_KEYWORDS };

/**
 * "  STOP! " → "stop", "Band karo." → "band karo", "बंद करो।" → "बंद करो". Devanagari is brought to one
 * form (a letter with a nukta reads the same however it was typed, NFKC) and the invisible joiners
 * some keyboards put between its letters are dropped.
 */
export function normalizeKeywordText(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\p{P}\p{S}\p{Cf}]/gu, "")
    .replace(/\s+/gu, " ")
    .trim();
}

/** What a message's text means for consent: the whole text an opt-out or opt-in word, an opt-out word inside it, or nothing. */
export type KeywordMatch = "OPT_OUT" | "OPT_IN" | "MENTIONS_OPT_OUT" | null;

export function matchConsentKeyword(text: string, lists: KeywordLists = DEFAULT_KEYWORD_LISTS): KeywordMatch {
  const normalized = normalizeKeywordText(text);
  if (!normalized) return null;
  const optOut = lists.optOut.map(normalizeKeywordText);
  if (optOut.includes(normalized)) return "OPT_OUT";
  if (lists.optIn.map(normalizeKeywordText).includes(normalized)) return "OPT_IN";
  const padded = ` ${normalized} `;
  if (optOut.some((keyword) => keyword && padded.includes(` ${keyword} `))) return "MENTIONS_OPT_OUT";
  return null;
}

/**
 * Whether a message is the confirmation owed to a customer who has just opted out: the one message
 * the opt-out refusal lets through (sendMessage and the send job check the same). Only
 * sendConsentConfirmation writes the flag; no form or procedure input can carry it.
 */
export function isOptOutConfirmation(message: { direction: string; kind: string; flags: unknown }): boolean {
  return message.direction === "OUTBOUND" && message.kind === "TEXT" && Array.isArray(message.flags) && message.flags.includes("OPT_OUT_CONFIRMATION");
}
