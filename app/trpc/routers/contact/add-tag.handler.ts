import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { AddTagInput } from "~/trpc/routers/contact/add-tag.schema";
import { loadEditableContact } from "~/trpc/routers/contact/contact-access.server";
import { touchContact } from "~/models/contact.server";
import { ensureTags, findContactTag, upsertManualContactTag } from "~/models/tag.server";
import { recordContactEvents } from "~/services/contact-events.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { userActor } from "~/services/command.server";

/** Adds a tag by name (creating the tag if the organization has none by that name). */
export async function addTagHandler({ ctx, input }: { ctx: OrgScopedContext; input: AddTagInput }) {
  const organizationId = ctx.org.id;
  const contact = await loadEditableContact(ctx, input.id);
  return ctx.db.$transaction(async (tx) => {
    const [tag] = await ensureTags(tx, { organizationId, names: [input.name] });
    if (!tag) throw new Error("ensureTags returned no tag");
    const existing = await findContactTag(tx, { organizationId, contactId: contact.id, tagId: tag.id });
    if (existing?.source === "MANUAL") return { tagId: tag.id, name: tag.name, added: false };
    await upsertManualContactTag(tx, { organizationId, contactId: contact.id, tagId: tag.id });
    await recordContactEvents(tx, organizationId, userActor(ctx.user.id), [
      {
        contactId: contact.id,
        type: "TAG_ADDED",
        data: {
          tagId: tag.id,
          tagName: tag.name,
          source: "MANUAL",
          ...(existing ? { confirmedAiTag: true, aiConfidence: existing.confidence } : {}),
        },
      },
    ]);
    await touchContact(tx, { organizationId, id: contact.id });
    await publishLiveEvent(tx, organizationId, { type: "contact.changed", contactIds: [contact.id] });
    return { tagId: tag.id, name: tag.name, added: true };
  });
}
