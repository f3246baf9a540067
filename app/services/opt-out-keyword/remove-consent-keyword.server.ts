// Taking a word off the organization's opt-out or opt-in list.
import { TRPCError } from "@trpc/server";
import type { RemoveConsentKeywordInput } from "~/domain/opt-out-keyword/opt-out-keyword-fields.schema";
import { saveConsentKeywordSettings } from "~/models/consent-keywords.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { keywordNotFound, lockedConsentSettings, sameWord, wordsOf } from "~/services/opt-out-keyword/consent-keyword-rules.server";

/** The last opt-out word stays: customers must always have a way to stop messages. */
export async function removeConsentKeyword(tx: CommandTx, { organizationId }: CommandContext, input: RemoveConsentKeywordInput) {
  const settings = await lockedConsentSettings(tx, organizationId);
  const words = wordsOf(settings, input.list);
  const existing = sameWord(words, input.word);
  if (!existing) throw keywordNotFound(input.list, input.word);
  if (input.list === "OPT_OUT" && words.length === 1) {
    throw new TRPCError({ code: "PRECONDITION_FAILED", message: "Keep at least one opt-out word: customers must always be able to stop messages." });
  }
  const next = words.filter((word) => word !== existing);
  await saveConsentKeywordSettings(tx, {
    organizationId,
    ...settings,
    optOut: input.list === "OPT_OUT" ? next : settings.optOut,
    optIn: input.list === "OPT_IN" ? next : settings.optIn,
  });
  await publishLiveEvent(tx, organizationId, { type: "consentKeywords.changed" });
  return { list: input.list, word: existing };
}
