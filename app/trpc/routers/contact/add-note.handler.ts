import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { AddNoteInput } from "~/trpc/routers/contact/add-note.schema";
import { actorFor, loadEditableContact } from "~/trpc/routers/contact/contact-access.server";
import { addNote } from "~/services/contact/add-note.server";

export async function addNoteHandler({ ctx, input }: { ctx: OrgScopedContext; input: AddNoteInput }) {
  const contact = await loadEditableContact(ctx, input.id);
  return ctx.db.$transaction((tx) =>
    addNote(tx, { organizationId: ctx.org.id, actor: actorFor(ctx) }, { contactId: contact.id, body: input.body }),
  );
}
