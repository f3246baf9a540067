// Back to the built-in words and confirmations.
import { deleteConsentKeywordSettings } from "~/models/consent-keywords.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { lockedConsentSettings } from "~/services/opt-out-keyword/consent-keyword-rules.server";

export async function resetConsentKeywords(tx: CommandTx, { organizationId }: CommandContext) {
  await lockedConsentSettings(tx, organizationId);
  await deleteConsentKeywordSettings(tx, { organizationId });
  await publishLiveEvent(tx, organizationId, { type: "consentKeywords.changed" });
  return { reset: true as const };
}
