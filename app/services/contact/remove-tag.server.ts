import { TRPCError } from "@trpc/server";
import { findContact } from "~/models/contact.server";
import { deleteContactTag, findContactTag } from "~/models/tag.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { recordContactEvents } from "~/services/contact-events.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { tagRemovedEventData } from "~/services/contact/contact-tag-rules.server";
import { contactNotFound } from "~/services/contact/contact-not-found.server";

/** Takes a tag off a contact (manual or AI). The rules are in contact-tag-rules; bulk's twin is bulkBatchSql's removeTag. */
export async function removeTag(tx: CommandTx, { organizationId, actor }: CommandContext, input: { contactId: string; tagId: string }) {
  const contact = await findContact(tx, { organizationId, id: input.contactId });
  if (!contact) throw contactNotFound();
  const held = await findContactTag(tx, { organizationId, contactId: contact.id, tagId: input.tagId });
  if (!held) throw new TRPCError({ code: "NOT_FOUND", message: "That tag isn't on this contact." });
  const removed = await deleteContactTag(tx, { organizationId, contactId: contact.id, tagId: held.tagId });
  if (removed === 0) throw new TRPCError({ code: "NOT_FOUND", message: "That tag isn't on this contact." });
  await recordContactEvents(tx, organizationId, actor, [
    { contactId: contact.id, type: "TAG_REMOVED", data: tagRemovedEventData(held.tag, held) },
  ]);
  await publishLiveEvent(tx, organizationId, { type: "contact.changed", contactIds: [contact.id] });
  return { contactId: contact.id, tagId: held.tagId, name: held.tag.name };
}
