// Deleting one contact: managers and above, like a bulk delete; its timeline,
// notes and tags go with it, its deals stay unlinked; another organization's
// id is NOT_FOUND and deletes nothing.
import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { expectTRPCError } from "~/testing/caller";
import { contactWorld } from "~/trpc/routers/contact/contact-test-world";
import { createContact, createTag } from "../../../../prisma/factories";
import { createContactEvent, createNote, tagContact } from "../../../../prisma/factories-contact";

async function rowCounts() {
  return {
    contacts: await prisma.contact.count(),
    notes: await prisma.note.count(),
    events: await prisma.contactEvent.count(),
    tags: await prisma.contactTag.count(),
    deals: await prisma.deal.count(),
    linkedDeals: await prisma.deal.count({ where: { contactId: { not: null } } }),
    bulkOperations: await prisma.bulkOperation.count(),
  };
}

describe("contact.delete", () => {
  test("a manager deletes a contact: its timeline, notes and tags go, its deal stays unlinked, and who deleted it is recorded", async () => {
    const w = await contactWorld();
    const organizationId = w.organizationId;
    const contact = await createContact(prisma, { organizationId, name: "Priya Sharma" });
    const keep = await createContact(prisma, { organizationId, name: "Someone Else" });
    await createNote(prisma, { organizationId, contactId: contact.id, body: "Asked about Nifty" });
    await createContactEvent(prisma, { organizationId, contactId: contact.id, type: "CREATED" });
    const tag = await createTag(prisma, { organizationId, name: "vip" });
    await tagContact(prisma, { organizationId, contactId: contact.id, tagId: tag.id });
    const stage = await prisma.dealStage.findFirstOrThrow({ where: { organizationId } });
    const deal = await prisma.deal.create({
      data: { organizationId, title: "Lifetime", valuePaise: 2_499_900n, stageId: stage.id, contactId: contact.id, probability: 10 },
    });

    const manager = await w.as(w.manager);
    expect(await manager.contact.delete({ id: contact.id })).toEqual({ id: contact.id, name: "Priya Sharma" });
    expect(await prisma.contact.findUnique({ where: { id: contact.id } })).toBeNull();
    expect(await prisma.contact.findUnique({ where: { id: keep.id } })).not.toBeNull();
    for (const table of ["note", "contactEvent", "contactTag"] as const) {
      expect(await (prisma[table] as unknown as { count: (a: unknown) => Promise<number> }).count({ where: { contactId: contact.id } })).toBe(0);
    }
    expect(await prisma.deal.findUniqueOrThrow({ where: { id: deal.id } })).toMatchObject({ contactId: null });
    expect(await prisma.bulkOperation.findFirstOrThrow({ where: { organizationId } })).toMatchObject({
      action: "delete",
      createdById: w.manager.id,
      status: "COMPLETED",
      changed: 1,
    });
    await expectTRPCError(manager.contact.delete({ id: contact.id }), "NOT_FOUND");
  });

  test("agents and viewers may not delete, even their own contact", async () => {
    const w = await contactWorld();
    const mine = await createContact(prisma, { organizationId: w.organizationId, ownerId: w.agent.id });
    const before = await rowCounts();
    await expectTRPCError((await w.as(w.agent)).contact.delete({ id: mine.id }), "FORBIDDEN", /managers and above/);
    await expectTRPCError((await w.as(w.viewer)).contact.delete({ id: mine.id }), "FORBIDDEN");
    expect(await rowCounts()).toEqual(before);
  });

  test("another organization's contact id is NOT_FOUND and nothing anywhere is deleted", async () => {
    const w = await contactWorld();
    const theirs = await createContact(prisma, { organizationId: w.b.organization.id, name: "B Contact" });
    await createNote(prisma, { organizationId: w.b.organization.id, contactId: theirs.id, body: "B's note" });
    await createContact(prisma, { organizationId: w.organizationId });
    const before = await rowCounts();
    for (const user of [w.manager, w.admin, w.owner]) {
      await expectTRPCError((await w.as(user)).contact.delete({ id: theirs.id }), "NOT_FOUND");
    }
    await expectTRPCError((await w.as(w.manager)).contact.delete({ id: "not-an-id" }), "BAD_REQUEST");
    expect(await rowCounts()).toEqual(before);
  });
});
