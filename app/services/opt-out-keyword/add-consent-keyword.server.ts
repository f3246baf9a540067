// Adding a word to the organization's opt-out or opt-in list (the first change copies the defaults).
import { MAX_CONSENT_KEYWORDS, type AddConsentKeywordInput } from "~/domain/opt-out-keyword/opt-out-keyword-fields.schema";
import { saveConsentKeywordSettings } from "~/models/consent-keywords.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { fieldError } from "~/services/field-error.server";
import { listLabel, lockedConsentSettings, sameWord, wordsOf } from "~/services/opt-out-keyword/consent-keyword-rules.server";

/** Refuses a word already on either list (as normalized: "Stop!" is "stop"), and a list that is full. */
export async function addConsentKeyword(tx: CommandTx, { organizationId }: CommandContext, input: AddConsentKeywordInput) {
  const settings = await lockedConsentSettings(tx, organizationId);
  for (const list of ["OPT_OUT", "OPT_IN"] as const) {
    const existing = sameWord(wordsOf(settings, list), input.word);
    if (existing) {
      throw fieldError("CONFLICT", "word", `“${input.word}” is already an ${listLabel(list)} word${existing === input.word ? "" : ` (as “${existing}”)`}.`);
    }
  }
  const words = wordsOf(settings, input.list);
  if (words.length >= MAX_CONSENT_KEYWORDS) {
    throw fieldError("BAD_REQUEST", "word", `The ${listLabel(input.list)} list holds at most ${MAX_CONSENT_KEYWORDS} words: remove one first.`);
  }
  const next = [...words, input.word];
  await saveConsentKeywordSettings(tx, {
    organizationId,
    ...settings,
    optOut: input.list === "OPT_OUT" ? next : settings.optOut,
    optIn: input.list === "OPT_IN" ? next : settings.optIn,
  });
  await publishLiveEvent(tx, organizationId, { type: "consentKeywords.changed" });
  return { list: input.list, word: input.word };
}
