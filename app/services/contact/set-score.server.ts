import type { CommandContext, CommandTx } from "~/services/command.server";
import { changeContactField } from "~/services/contact/change-contact-field.server";

/** Sets a contact's lead score (0–100, checked by the caller's schema). */
export function setScore(tx: CommandTx, context: CommandContext, input: { contactId: string; score: number; expectedVersion?: number }) {
  return changeContactField(tx, context, "score", { contactId: input.contactId, after: input.score, expectedVersion: input.expectedVersion });
}
