import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { RemoveTagInput } from "~/trpc/routers/contact/remove-tag.schema";
import { actorFor, loadEditableContact } from "~/trpc/routers/contact/contact-access.server";
import { removeTag } from "~/services/contact/remove-tag.server";

export async function removeTagHandler({ ctx, input }: { ctx: OrgScopedContext; input: RemoveTagInput }) {
  const contact = await loadEditableContact(ctx, input.id);
  const result = await ctx.db.$transaction((tx) =>
    removeTag(tx, { organizationId: ctx.org.id, actor: actorFor(ctx) }, { contactId: contact.id, tagId: input.tagId }),
  );
  return { tagId: result.tagId, name: result.name };
}
