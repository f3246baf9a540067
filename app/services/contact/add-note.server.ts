import { findContact, insertNote, touchContact } from "~/models/contact.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { recordContactEvents } from "~/services/contact-events.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { contactNotFound } from "~/services/contact/contact-not-found.server";

/** Adds a note to a contact's timeline. A note records something that happened with the person, so it moves lastActivityAt. */
export async function addNote(tx: CommandTx, { organizationId, actor }: CommandContext, input: { contactId: string; body: string }) {
  const contact = await findContact(tx, { organizationId, id: input.contactId });
  if (!contact) throw contactNotFound();
  const note = await insertNote(tx, { organizationId, contactId: contact.id, authorId: actor.userId, body: input.body });
  await recordContactEvents(tx, organizationId, actor, [
    { contactId: contact.id, type: "NOTE_ADDED", data: { noteId: note.id, body: input.body } },
  ]);
  await touchContact(tx, { organizationId, id: contact.id });
  await publishLiveEvent(tx, organizationId, { type: "contact.changed", contactIds: [contact.id] });
  return { id: note.id };
}
