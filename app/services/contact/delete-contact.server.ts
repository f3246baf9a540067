import { findContact } from "~/models/contact.server";
import { applyBulkActionNow } from "~/services/bulk-contacts.server";
import { idsScope } from "~/services/bulk-contacts-sql.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { contactNotFound } from "~/services/contact/contact-not-found.server";

/**
 * Deletes one contact exactly as a bulk delete of one does (the same statement,
 * and a BulkOperation row recording who deleted it): its timeline, notes, tags,
 * follow-ups and secondary identities go with it; its deals stay, unlinked.
 */
export async function deleteContact(tx: CommandTx, { organizationId, actor }: CommandContext, input: { contactId: string }) {
  const contact = await findContact(tx, { organizationId, id: input.contactId });
  if (!contact) throw contactNotFound();
  const result = await applyBulkActionNow(tx, {
    organizationId,
    userId: actor.userId,
    command: { action: "delete", params: { expectedCount: 1 } },
    selection: { ids: [contact.id] },
    scope: idsScope(organizationId, [contact.id]),
  });
  if (result.changed === 0) throw contactNotFound();
  await publishLiveEvent(tx, organizationId, { type: "contact.changed", contactIds: [contact.id] });
  return { id: contact.id, name: contact.name };
}
