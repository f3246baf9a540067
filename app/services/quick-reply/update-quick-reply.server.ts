// Editing a quick reply: a new shortcut must not be another reply's.
import type { UpdateQuickReplyInput } from "~/domain/quick-reply/quick-reply.schema";
import { findQuickReply, findQuickReplyByShortcut, updateQuickReplyRow } from "~/models/quick-reply.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { quickReplyNotFound, shortcutTaken } from "~/services/quick-reply/quick-reply-errors.server";
import { isUniqueViolation } from "~/utils/prisma-errors.server";

export async function updateQuickReply(tx: CommandTx, { organizationId }: CommandContext, { id, ...fields }: UpdateQuickReplyInput) {
  const existing = await findQuickReply(tx, { organizationId, id });
  if (!existing) throw quickReplyNotFound();
  const holder = await findQuickReplyByShortcut(tx, { organizationId, shortcut: fields.shortcut });
  if (holder && holder.id !== id) throw shortcutTaken(fields.shortcut);
  try {
    await updateQuickReplyRow(tx, { organizationId, id, ...fields });
  } catch (error) {
    if (isUniqueViolation(error)) throw shortcutTaken(fields.shortcut);
    throw error;
  }
  return { id, ...fields };
}
