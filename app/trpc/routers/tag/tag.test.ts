import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { expectTRPCError } from "~/testing/caller";
import { toActionFailure } from "~/trpc/caller.server";
import { contactWorld } from "~/trpc/routers/contact/contact-test-world";
import { createContact, createTag } from "../../../../prisma/factories";
import { tagContact } from "../../../../prisma/factories-contact";

describe("tag settings", () => {
  test("lists tags with contact counts; admins create, rename, recolor and delete (which removes them from contacts)", async () => {
    const w = await contactWorld();
    const organizationId = w.organizationId;
    const admin = await w.as(w.admin);
    const created = await admin.tag.create({ name: "  VIP ", color: "amber" });
    expect(created).toMatchObject({ name: "vip", color: "amber" });
    const other = await createTag(prisma, { organizationId, name: "beginner" });
    const contacts = await Promise.all([1, 2, 3].map(() => createContact(prisma, { organizationId })));
    for (const contact of contacts) await tagContact(prisma, { organizationId, contactId: contact.id, tagId: created.id });
    await tagContact(prisma, { organizationId, contactId: contacts[0]!.id, tagId: other.id, source: "AI", confidence: 0.7 });
    await createTag(prisma, { organizationId: w.b.organization.id, name: "b-secret" });

    const viewer = await w.as(w.viewer);
    expect(await viewer.tag.list()).toEqual([
      { id: other.id, name: "beginner", color: "slate", contactCount: 1 },
      { id: created.id, name: "vip", color: "amber", contactCount: 3 },
    ]);

    await expectTRPCError(admin.tag.create({ name: "vip" }), "CONFLICT", /already a tag called "vip"/);
    await expectTRPCError(admin.tag.update({ id: other.id, name: "VIP", color: "sky" }), "CONFLICT");
    expect(await admin.tag.update({ id: created.id, name: "very-important", color: "rose" })).toMatchObject({ previousName: "vip" });
    expect(await prisma.tag.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ name: "very-important", color: "rose" });

    const fieldErrors = toActionFailure(await expectTRPCError(admin.tag.create({ name: "x", color: "chartreuse" as "rose" }), "BAD_REQUEST")).fieldErrors;
    expect(fieldErrors).toEqual({ color: "Choose a color from the list" });

    expect(await admin.tag.delete({ id: created.id })).toMatchObject({ removedFrom: 3 });
    expect(await prisma.tag.findUnique({ where: { id: created.id } })).toBeNull();
    expect(await prisma.contactTag.count({ where: { organizationId, tagId: created.id } })).toBe(0);
    const removals = await prisma.contactEvent.findMany({ where: { organizationId, type: "TAG_REMOVED" } });
    expect(removals.map((e) => e.contactId).sort()).toEqual(contacts.map((c) => c.id).sort());
    expect(removals[0]).toMatchObject({ actorId: w.admin.id, data: { tagName: "very-important", reason: "Tag deleted" } });
    await expectTRPCError(admin.tag.delete({ id: created.id }), "NOT_FOUND");
  });

  test.each(["manager", "agent", "viewer"] as const)("a %s may read tags but not change them", async (role) => {
    const w = await contactWorld();
    const tag = await createTag(prisma, { organizationId: w.organizationId, name: "keep-me" });
    const caller = await w.as(w[role]);
    await expect(caller.tag.list()).resolves.toHaveLength(1);
    await expectTRPCError(caller.tag.create({ name: "new" }), "FORBIDDEN");
    await expectTRPCError(caller.tag.update({ id: tag.id, name: "renamed", color: "red" }), "FORBIDDEN");
    await expectTRPCError(caller.tag.delete({ id: tag.id }), "FORBIDDEN");
    expect(await prisma.tag.findMany({ where: { organizationId: w.organizationId } })).toEqual([tag]);
  });
});
