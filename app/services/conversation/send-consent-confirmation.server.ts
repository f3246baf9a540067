// The answer to an inbound opt-out or opt-in word, on the channel it came on: the organization's
// confirmation text, sent by the system ("Opt-out confirmation") through sendMessage. Called by
// receiveMessage only when the word moved the channel's consent, so a repeated STOP (consent
// already OPTED_OUT) or a redelivered webhook (the message already stored) sends nothing.
//
// An opt-out confirmation goes although consent is now revoked: it is flagged OPT_OUT_CONFIRMATION,
// the one message sendMessage's opt-out refusal and the send job let through. An opt-in
// confirmation takes the normal path. A confirmation that may not go (the channel switched off, the
// WhatsApp window closed because the message was processed a day late) is skipped: the customer's
// message and their consent are what must be stored.
import { TRPCError } from "@trpc/server";
import { organizationConsentSettings } from "~/models/consent-keywords.server";
import { systemActor, type CommandContext, type CommandTx } from "~/services/command.server";
import { sendMessage, type SentMessage } from "~/services/conversation/send-message.server";

export const OPT_OUT_CONFIRMATION_ACTOR = "Opt-out confirmation";
export const OPT_IN_CONFIRMATION_ACTOR = "Opt-in confirmation";

export type ConsentConfirmation = { sent: SentMessage } | { skipped: string } | null;

export async function sendConsentConfirmation(
  tx: CommandTx,
  { organizationId }: CommandContext,
  { conversationId, optedOut, optedIn }: { conversationId: string; optedOut: boolean; optedIn: boolean },
): Promise<ConsentConfirmation> {
  if (!optedOut && !optedIn) return null;
  const settings = await organizationConsentSettings(tx, organizationId);
  const actor = systemActor(optedOut ? OPT_OUT_CONFIRMATION_ACTOR : OPT_IN_CONFIRMATION_ACTOR);
  const body = optedOut ? settings.optOutConfirmation : settings.optInConfirmation;
  try {
    const sent = await sendMessage(tx, { organizationId, actor }, { conversationId, content: { kind: "TEXT", body } }, { optOutConfirmation: optedOut });
    return { sent };
  } catch (error) {
    // sendMessage refuses before it writes anything, so the transaction carries on unharmed.
    if (error instanceof TRPCError && error.code !== "INTERNAL_SERVER_ERROR") return { skipped: error.message };
    throw error;
  }
}
