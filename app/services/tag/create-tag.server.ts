// Creating a tag for the organization's contacts.
import { findTagByName, insertTag } from "~/models/tag.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { tagNameTaken } from "~/services/tag/tag-names.server";
import { isUniqueViolation } from "~/utils/prisma-errors.server";

export async function createTag(tx: CommandTx, { organizationId }: CommandContext, input: { name: string; color: string }) {
  if (await findTagByName(tx, { organizationId, name: input.name })) throw tagNameTaken(input.name);
  try {
    return await insertTag(tx, { organizationId, name: input.name, color: input.color });
  } catch (error) {
    if (isUniqueViolation(error)) throw tagNameTaken(input.name);
    throw error;
  }
}
