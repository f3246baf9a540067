import type { ContactStage } from "~/generated/prisma/enums";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { changeContactField } from "~/services/contact/change-contact-field.server";

/**
 * Moves a contact to another stage (the board, a workflow step); already there, nothing changes.
 * Bulk's twin is bulkBatchSql's changeStage; intake follows the same rule for a stage in a file or form.
 */
export function changeStage(
  tx: CommandTx,
  context: CommandContext,
  input: { contactId: string; stage: ContactStage; expectedVersion?: number },
) {
  return changeContactField(tx, context, "stage", { contactId: input.contactId, after: input.stage, expectedVersion: input.expectedVersion });
}
