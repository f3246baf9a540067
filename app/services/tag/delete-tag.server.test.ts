import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { expectTRPCError } from "~/testing/caller";
import { watchLiveEvents } from "~/testing/live-events";
import { systemActor } from "~/services/command.server";
import { deleteTag } from "~/services/tag/delete-tag.server";
import { createContact, createOrganization, createTag } from "../../../prisma/factories";
import { tagContact } from "../../../prisma/factories-contact";

describe("deleteTag, called as a job would", () => {
  test("takes the tag off its contacts, each timeline naming the system, and tells their open pages on commit", async () => {
    const { organization, owner } = await createOrganization(prisma);
    const organizationId = organization.id;
    const tag = await createTag(prisma, { organizationId, name: "diwali-offer" });
    const tagged = await createContact(prisma, { organizationId });
    await createContact(prisma, { organizationId }); // untagged: its timeline stays empty
    await tagContact(prisma, { organizationId, contactId: tagged.id, tagId: tag.id });
    const live = await watchLiveEvents(organizationId);

    expect(
      await prisma.$transaction((tx) => deleteTag(tx, { organizationId, actor: systemActor("Campaign ended", owner.id) }, { id: tag.id })),
    ).toEqual({ id: tag.id, name: "diwali-offer", removedFrom: 1 });

    expect(await prisma.tag.count({ where: { id: tag.id } })).toBe(0);
    expect(await prisma.contactTag.count({ where: { tagId: tag.id } })).toBe(0);
    const events = await prisma.contactEvent.findMany({ where: { organizationId } });
    expect(events.map((e) => [e.contactId, e.type, e.actorId, e.actorLabel])).toEqual([[tagged.id, "TAG_REMOVED", owner.id, "Campaign ended"]]);
    expect(events[0]!.data).toEqual({ tagId: tag.id, tagName: "diwali-offer", reason: "Tag deleted" });
    expect(await live.settled()).toEqual([{ type: "contact.changed", contactIds: [tagged.id] }]);
    await live.unsubscribe();
  });

  test("another organization's tag is not found; it stays on its contacts", async () => {
    const { organization } = await createOrganization(prisma);
    const other = await createOrganization(prisma);
    const theirs = await createTag(prisma, { organizationId: other.organization.id });
    const contact = await createContact(prisma, { organizationId: other.organization.id });
    await tagContact(prisma, { organizationId: other.organization.id, contactId: contact.id, tagId: theirs.id });
    await expectTRPCError(
      prisma.$transaction((tx) => deleteTag(tx, { organizationId: organization.id, actor: systemActor("Campaign ended") }, { id: theirs.id })),
      "NOT_FOUND",
      "Tag not found.",
    );
    expect(await prisma.contactTag.count({ where: { tagId: theirs.id } })).toBe(1);
    expect(await prisma.contactEvent.count({ where: { contactId: contact.id } })).toBe(0);
  });
});
