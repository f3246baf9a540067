import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { expectTRPCError } from "~/testing/caller";
import { watchLiveEvents } from "~/testing/live-events";
import { systemActor } from "~/services/command.server";
import { deleteCompany } from "~/services/company/delete-company.server";
import { createContact, createOrganization } from "../../../prisma/factories";
import { createCompany, createDeal } from "../../../prisma/factories-deals";

describe("deleteCompany, called as a job would", () => {
  test("unlinks its contacts and deals, each contact's timeline naming the system, and deletes it", async () => {
    const { organization, owner } = await createOrganization(prisma);
    const organizationId = organization.id;
    const company = await createCompany(prisma, { organizationId, name: "Salt Lake Capital" });
    const worker = await createContact(prisma, { organizationId });
    await prisma.contact.update({ where: { id: worker.id }, data: { companyId: company.id } });
    const buyer = await createContact(prisma, { organizationId });
    const deal = await createDeal(prisma, { organizationId, title: "Desk licence", companyId: company.id, contactId: buyer.id });
    const live = await watchLiveEvents(organizationId);
    const actor = systemActor("Cleanup", owner.id);

    expect(await prisma.$transaction((tx) => deleteCompany(tx, { organizationId, actor }, { companyId: company.id }))).toEqual({
      companyId: company.id,
      unlinkedContacts: 1,
    });

    expect(await prisma.company.count({ where: { id: company.id } })).toBe(0);
    expect(await prisma.contact.findUniqueOrThrow({ where: { id: worker.id } })).toMatchObject({ companyId: null, updatedById: owner.id });
    expect(await prisma.deal.findUniqueOrThrow({ where: { id: deal.id } })).toMatchObject({ companyId: null, updatedById: owner.id });
    const events = await prisma.contactEvent.findMany({ where: { organizationId }, orderBy: { type: "asc" } });
    expect(events.map((e) => [e.contactId, e.type, e.actorId, e.actorLabel])).toEqual([
      [worker.id, "COMPANY_CHANGED", owner.id, "Cleanup"],
      [buyer.id, "DEAL_UPDATED", owner.id, "Cleanup"],
    ]);
    expect(events[1]!.data).toMatchObject({ dealId: deal.id, changes: [{ field: "company", before: "Salt Lake Capital", after: null }] });
    const published = await live.settled();
    expect(published).toContainEqual({ type: "company.changed", companyId: company.id });
    expect(published).toContainEqual({ type: "contact.changed", contactIds: expect.arrayContaining([worker.id, buyer.id]) });
    await live.unsubscribe();
  });

  test("another organization's company is not found; it and its contacts stay", async () => {
    const { organization } = await createOrganization(prisma);
    const other = await createOrganization(prisma);
    const theirs = await createCompany(prisma, { organizationId: other.organization.id });
    const theirContact = await createContact(prisma, { organizationId: other.organization.id });
    await prisma.contact.update({ where: { id: theirContact.id }, data: { companyId: theirs.id } });
    await expectTRPCError(
      prisma.$transaction((tx) => deleteCompany(tx, { organizationId: organization.id, actor: systemActor("Cleanup") }, { companyId: theirs.id })),
      "NOT_FOUND",
      "Company not found.",
    );
    expect(await prisma.company.count({ where: { id: theirs.id } })).toBe(1);
    expect(await prisma.contact.findUniqueOrThrow({ where: { id: theirContact.id } })).toMatchObject({ companyId: theirs.id });
    expect(await prisma.contactEvent.count({ where: { contactId: theirContact.id } })).toBe(0);
  });
});
