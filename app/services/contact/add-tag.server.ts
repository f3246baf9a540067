import { TRPCError } from "@trpc/server";
import { findContact } from "~/models/contact.server";
import { ensureTags, findContactTag, findTag, upsertManualContactTag } from "~/models/tag.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { recordContactEvents } from "~/services/contact-events.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { alreadyHasTag, tagAddedEventData } from "~/services/contact/contact-tag-rules.server";
import { contactNotFound } from "~/services/contact/contact-not-found.server";

/**
 * Puts a tag on a contact, by the tag's id or by name (a name the organization
 * has no tag for creates the tag). The rules are in contact-tag-rules; bulk's
 * twin is bulkBatchSql's addTag, intake's is its tag statement.
 */
export async function addTag(
  tx: CommandTx,
  { organizationId, actor }: CommandContext,
  input: { contactId: string } & ({ tagId: string } | { tagName: string }),
) {
  const contact = await findContact(tx, { organizationId, id: input.contactId });
  if (!contact) throw contactNotFound();
  const tag =
    "tagId" in input
      ? await findTag(tx, { organizationId, id: input.tagId })
      : ((await ensureTags(tx, { organizationId, names: [input.tagName] }))[0] ?? null);
  if (!tag) throw new TRPCError({ code: "NOT_FOUND", message: "Tag not found." });

  const held = await findContactTag(tx, { organizationId, contactId: contact.id, tagId: tag.id });
  if (alreadyHasTag(held)) return { contactId: contact.id, tagId: tag.id, name: tag.name, added: false };
  await upsertManualContactTag(tx, { organizationId, contactId: contact.id, tagId: tag.id });
  await recordContactEvents(tx, organizationId, actor, [
    { contactId: contact.id, type: "TAG_ADDED", data: tagAddedEventData(tag, held) },
  ]);
  await publishLiveEvent(tx, organizationId, { type: "contact.changed", contactIds: [contact.id] });
  return { contactId: contact.id, tagId: tag.id, name: tag.name, added: true };
}
