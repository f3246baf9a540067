import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { AddTagInput } from "~/trpc/routers/contact/add-tag.schema";
import { actorFor, loadEditableContact } from "~/trpc/routers/contact/contact-access.server";
import { addTag } from "~/services/contact/add-tag.server";

/** Adds a tag by name (creating the tag if the organization has none by that name). */
export async function addTagHandler({ ctx, input }: { ctx: OrgScopedContext; input: AddTagInput }) {
  const contact = await loadEditableContact(ctx, input.id);
  const result = await ctx.db.$transaction((tx) =>
    addTag(tx, { organizationId: ctx.org.id, actor: actorFor(ctx) }, { contactId: contact.id, tagName: input.name }),
  );
  return { tagId: result.tagId, name: result.name, added: result.added };
}
