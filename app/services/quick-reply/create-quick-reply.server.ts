// Adding a quick reply; its shortcut is the organization's only one by that name.
import type { CreateQuickReplyInput } from "~/domain/quick-reply/quick-reply.schema";
import { findQuickReplyByShortcut, insertQuickReply } from "~/models/quick-reply.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { shortcutTaken } from "~/services/quick-reply/quick-reply-errors.server";
import { isUniqueViolation } from "~/utils/prisma-errors.server";

export async function createQuickReply(tx: CommandTx, { organizationId }: CommandContext, input: CreateQuickReplyInput) {
  if (await findQuickReplyByShortcut(tx, { organizationId, shortcut: input.shortcut })) throw shortcutTaken(input.shortcut);
  try {
    return await insertQuickReply(tx, { organizationId, ...input });
  } catch (error) {
    if (isUniqueViolation(error)) throw shortcutTaken(input.shortcut);
    throw error;
  }
}
