// The rules the consent-word commands share: read the organization's settings under a lock, find a
// word by its normalized form, and word the refusals.
import { TRPCError } from "@trpc/server";
import { normalizeKeywordText } from "~/domain/conversation/opt-out-keywords";
import { CONSENT_KEYWORD_LIST_LABELS, type ConsentKeywordList } from "~/domain/opt-out-keyword/opt-out-keyword-fields.schema";
import { lockConsentKeywordSettings, organizationConsentSettings, type ConsentKeywordSettingsView } from "~/models/consent-keywords.server";
import type { CommandTx } from "~/services/command.server";

/** The settings, read after taking the organization's lock, so a concurrent change is not lost. */
export async function lockedConsentSettings(tx: CommandTx, organizationId: string): Promise<ConsentKeywordSettingsView> {
  await lockConsentKeywordSettings(tx, { organizationId });
  return organizationConsentSettings(tx, organizationId);
}

export function wordsOf(settings: ConsentKeywordSettingsView, list: ConsentKeywordList): readonly string[] {
  return list === "OPT_OUT" ? settings.optOut : settings.optIn;
}

/** The word of `words` that reads the same as `word` once normalized ("STOP!" is "stop"). */
export function sameWord(words: readonly string[], word: string): string | undefined {
  const normalized = normalizeKeywordText(word);
  return words.find((candidate) => normalizeKeywordText(candidate) === normalized);
}

export function listLabel(list: ConsentKeywordList) {
  return CONSENT_KEYWORD_LIST_LABELS[list];
}

export function keywordNotFound(list: ConsentKeywordList, word: string) {
  return new TRPCError({ code: "NOT_FOUND", message: `“${word}” is not an ${listLabel(list)} word.` });
}
