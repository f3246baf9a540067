// The texts sent when an inbound word opts a customer out, or back in.
import type { UpdateConsentConfirmationsInput } from "~/domain/opt-out-keyword/opt-out-keyword-fields.schema";
import { saveConsentKeywordSettings } from "~/models/consent-keywords.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { lockedConsentSettings } from "~/services/opt-out-keyword/consent-keyword-rules.server";

export async function updateConsentConfirmations(tx: CommandTx, { organizationId }: CommandContext, input: UpdateConsentConfirmationsInput) {
  const settings = await lockedConsentSettings(tx, organizationId);
  await saveConsentKeywordSettings(tx, { organizationId, ...settings, ...input });
  await publishLiveEvent(tx, organizationId, { type: "consentKeywords.changed" });
  return input;
}
