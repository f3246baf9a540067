import type { Temperature } from "~/generated/prisma/enums";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { changeContactField } from "~/services/contact/change-contact-field.server";

/** Marks a contact hot, warm or cold. Bulk's twin is bulkBatchSql's changeTemperature. */
export function changeTemperature(
  tx: CommandTx,
  context: CommandContext,
  input: { contactId: string; temperature: Temperature; expectedVersion?: number },
) {
  return changeContactField(tx, context, "temperature", {
    contactId: input.contactId,
    after: input.temperature,
    expectedVersion: input.expectedVersion,
  });
}
