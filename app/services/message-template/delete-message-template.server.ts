// Deleting a message template. Messages sent from it keep their text; they no longer name it.
import type { MessageTemplateIdInput } from "~/domain/message-template/message-template-fields.schema";
import { deleteMessageTemplateRow, findMessageTemplateById } from "~/models/message-template.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { messageTemplateNotFound } from "~/services/message-template/message-template-errors.server";

export async function deleteMessageTemplate(tx: CommandTx, { organizationId }: CommandContext, { id }: MessageTemplateIdInput) {
  const template = await findMessageTemplateById(tx, { organizationId, id });
  if (!template) throw messageTemplateNotFound();
  await deleteMessageTemplateRow(tx, { organizationId, id });
  await publishLiveEvent(tx, organizationId, { type: "messageTemplate.changed", templateId: template.id });
  return { id: template.id, name: template.name };
}
