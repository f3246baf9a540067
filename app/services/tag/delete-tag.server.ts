// Deleting a tag: it leaves every contact that carried it, each timeline says
// so (and who did it), and those contacts' open pages are told.
import { deleteTag as deleteTagRows } from "~/models/tag.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { tagNotFound } from "~/services/tag/tag-names.server";
import { publishLiveEvent } from "~/services/live-events.server";

export async function deleteTag(tx: CommandTx, { organizationId, actor }: CommandContext, { id }: { id: string }) {
  const result = await deleteTagRows(tx, { organizationId, id, actorId: actor.userId, actorLabel: actor.label ?? null });
  if (!result) throw tagNotFound();
  if (result.contactIds.length > 0) {
    await publishLiveEvent(tx, organizationId, { type: "contact.changed", contactIds: result.contactIds });
  }
  return { id: result.tag.id, name: result.tag.name, removedFrom: result.contactIds.length };
}
