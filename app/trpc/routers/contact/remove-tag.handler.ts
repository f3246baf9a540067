import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { RemoveTagInput } from "~/trpc/routers/contact/remove-tag.schema";
import { loadEditableContact } from "~/trpc/routers/contact/contact-access.server";
import { touchContact } from "~/models/contact.server";
import { deleteContactTag, findContactTag } from "~/models/tag.server";
import { recordContactEvents } from "~/services/contact-events.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { userActor } from "~/services/command.server";

export async function removeTagHandler({ ctx, input }: { ctx: OrgScopedContext; input: RemoveTagInput }) {
  const organizationId = ctx.org.id;
  const contact = await loadEditableContact(ctx, input.id);
  return ctx.db.$transaction(async (tx) => {
    const link = await findContactTag(tx, { organizationId, contactId: contact.id, tagId: input.tagId });
    if (!link) throw new TRPCError({ code: "NOT_FOUND", message: "That tag isn't on this contact." });
    await deleteContactTag(tx, { organizationId, contactId: contact.id, tagId: link.tagId });
    await recordContactEvents(tx, organizationId, userActor(ctx.user.id), [
      {
        contactId: contact.id,
        type: "TAG_REMOVED",
        data: { tagId: link.tagId, tagName: link.tag.name, source: link.source, confidence: link.confidence },
      },
    ]);
    await touchContact(tx, { organizationId, id: contact.id });
    await publishLiveEvent(tx, organizationId, { type: "contact.changed", contactIds: [contact.id] });
    return { tagId: link.tagId, name: link.tag.name };
  });
}
