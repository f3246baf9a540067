// Renaming and/or recoloring a tag; the name stays the organization's only one.
import { findTag, findTagByName, updateTag as updateTagRow } from "~/models/tag.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { tagNameTaken, tagNotFound } from "~/services/tag/tag-names.server";
import { isUniqueViolation } from "~/utils/prisma-errors.server";

export async function updateTag(tx: CommandTx, { organizationId }: CommandContext, input: { id: string; name: string; color: string }) {
  const tag = await findTag(tx, { organizationId, id: input.id });
  if (!tag) throw tagNotFound();
  const sameName = await findTagByName(tx, { organizationId, name: input.name });
  if (sameName && sameName.id !== tag.id) throw tagNameTaken(input.name);
  try {
    await updateTagRow(tx, { organizationId, id: tag.id, name: input.name, color: input.color });
  } catch (error) {
    if (isUniqueViolation(error)) throw tagNameTaken(input.name);
    throw error;
  }
  return { id: tag.id, name: input.name, color: input.color, previousName: tag.name };
}
