import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { AddNoteInput } from "~/trpc/routers/contact/add-note.schema";
import { loadEditableContact } from "~/trpc/routers/contact/contact-access.server";
import { insertNote, touchContact } from "~/models/contact.server";
import { recordContactEvents } from "~/services/contact-events.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { userActor } from "~/services/command.server";

export async function addNoteHandler({ ctx, input }: { ctx: OrgScopedContext; input: AddNoteInput }) {
  const organizationId = ctx.org.id;
  const contact = await loadEditableContact(ctx, input.id);
  return ctx.db.$transaction(async (tx) => {
    const note = await insertNote(tx, { organizationId, contactId: contact.id, authorId: ctx.user.id, body: input.body });
    await recordContactEvents(tx, organizationId, userActor(ctx.user.id), [
      { contactId: contact.id, type: "NOTE_ADDED", data: { noteId: note.id, body: input.body } },
    ]);
    await touchContact(tx, { organizationId, id: contact.id });
    await publishLiveEvent(tx, organizationId, { type: "contact.changed", contactIds: [contact.id] });
    return { id: note.id };
  });
}
