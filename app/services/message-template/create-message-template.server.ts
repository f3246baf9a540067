// Writing a new message template (name, channel, language, category, body with named variables,
// approval status, Twilio content SID). Open chats and the template pages hear of it.
import type { CreateMessageTemplateInput } from "~/domain/message-template/message-template-fields.schema";
import { insertMessageTemplate } from "~/models/message-template.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { messageTemplateRow, writeUnlessNameTaken } from "~/services/message-template/message-template-row.server";

/** Refuses a name already used by a template of the same channel and language. */
export async function createMessageTemplate(tx: CommandTx, { organizationId }: CommandContext, input: CreateMessageTemplateInput) {
  const template = await writeUnlessNameTaken(tx, input, () => insertMessageTemplate(tx, { organizationId, ...messageTemplateRow(input) }));
  await publishLiveEvent(tx, organizationId, { type: "messageTemplate.changed", templateId: template.id });
  return template;
}
