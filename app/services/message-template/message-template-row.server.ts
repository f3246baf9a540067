// A template's fields as stored, and the savepoint that turns a lost race on the name index into
// the same refusal as a name already taken.
import type { CreateMessageTemplateInput } from "~/domain/message-template/message-template-fields.schema";
import type { MessageTemplateRow } from "~/models/message-template.server";
import type { CommandTx } from "~/services/command.server";
import { messageTemplateNameTaken } from "~/services/message-template/message-template-errors.server";
import { isUniqueViolation } from "~/utils/prisma-errors.server";

export function messageTemplateRow(input: CreateMessageTemplateInput): MessageTemplateRow {
  return {
    name: input.name,
    channelKind: input.channelKind,
    language: input.language,
    category: input.category,
    body: input.body,
    approvalStatus: input.approvalStatus,
    contentSid: input.contentSid ?? null,
  };
}

/** Runs a write that may hit the (organization, channel kind, name, language) index; the caller's transaction stays usable. */
export async function writeUnlessNameTaken<T>(tx: CommandTx, input: CreateMessageTemplateInput, write: () => Promise<T>): Promise<T> {
  await tx.$executeRaw`SAVEPOINT message_template_write`;
  try {
    const result = await write();
    await tx.$executeRaw`RELEASE SAVEPOINT message_template_write`;
    return result;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await tx.$executeRaw`ROLLBACK TO SAVEPOINT message_template_write`;
    throw messageTemplateNameTaken(input);
  }
}
