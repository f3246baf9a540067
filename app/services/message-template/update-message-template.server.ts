// Editing a message template. Messages already sent from it keep the text they were sent with.
import type { UpdateMessageTemplateInput } from "~/domain/message-template/message-template-fields.schema";
import { findMessageTemplateById, updateMessageTemplateRow } from "~/models/message-template.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { messageTemplateNotFound } from "~/services/message-template/message-template-errors.server";
import { messageTemplateRow, writeUnlessNameTaken } from "~/services/message-template/message-template-row.server";

export async function updateMessageTemplate(tx: CommandTx, { organizationId }: CommandContext, { id, ...input }: UpdateMessageTemplateInput) {
  const updated = await writeUnlessNameTaken(tx, input, () => updateMessageTemplateRow(tx, { organizationId, id, ...messageTemplateRow(input) }));
  if (updated === 0) throw messageTemplateNotFound();
  const template = await findMessageTemplateById(tx, { organizationId, id });
  if (!template) throw messageTemplateNotFound();
  await publishLiveEvent(tx, organizationId, { type: "messageTemplate.changed", templateId: template.id });
  return template;
}
