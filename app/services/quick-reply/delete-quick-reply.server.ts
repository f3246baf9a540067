// Removing a quick reply (messages already sent with its text keep it).
import type { DeleteQuickReplyInput } from "~/domain/quick-reply/quick-reply.schema";
import { deleteQuickReplyRow, findQuickReply } from "~/models/quick-reply.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { quickReplyNotFound } from "~/services/quick-reply/quick-reply-errors.server";

export async function deleteQuickReply(tx: CommandTx, { organizationId }: CommandContext, { id }: DeleteQuickReplyInput) {
  const existing = await findQuickReply(tx, { organizationId, id });
  if (!existing || !(await deleteQuickReplyRow(tx, { organizationId, id }))) throw quickReplyNotFound();
  return existing;
}
