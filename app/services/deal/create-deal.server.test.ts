import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { expectTRPCError } from "~/testing/caller";
import { watchLiveEvents } from "~/testing/live-events";
import { systemActor } from "~/services/command.server";
import { createDeal } from "~/services/deal/create-deal.server";
import { createContact, createOrganization } from "../../../prisma/factories";
import { createCompany, stagesByName } from "../../../prisma/factories-deals";

describe("createDeal, called as a job would", () => {
  test("writes the deal at the stage's probability, the contact's timeline under the system's name, and a live event on commit", async () => {
    const { organization, owner } = await createOrganization(prisma);
    const organizationId = organization.id;
    const stages = await stagesByName(prisma, organizationId);
    const contact = await createContact(prisma, { organizationId, name: "Kavya Iyer" });
    const company = await createCompany(prisma, { organizationId, name: "Nifty Ninjas" });
    const live = await watchLiveEvents(organizationId);
    const actor = systemActor("Workflow: New lead", owner.id);

    const deal = await prisma.$transaction((tx) =>
      createDeal(tx, { organizationId, actor }, {
        title: "Scalper Pro, annual",
        valuePaise: 1_199_900n,
        stageId: stages.Demo!.id,
        contactId: contact.id,
        companyId: company.id,
        expectedCloseDate: "2030-03-31",
      }),
    );

    expect(await prisma.deal.findUniqueOrThrow({ where: { id: deal.id } })).toMatchObject({
      organizationId,
      title: "Scalper Pro, annual",
      valuePaise: 1_199_900n,
      stageId: stages.Demo!.id,
      probability: stages.Demo!.probability,
      contactId: contact.id,
      companyId: company.id,
      ownerId: null,
      updatedById: owner.id,
      expectedCloseDate: new Date("2030-03-31T00:00:00.000Z"),
      closedAt: null,
    });
    const events = await prisma.contactEvent.findMany({ where: { contactId: contact.id } });
    expect(events.map((e) => ({ type: e.type, actorId: e.actorId, actorLabel: e.actorLabel }))).toEqual([
      { type: "DEAL_CREATED", actorId: owner.id, actorLabel: "Workflow: New lead" },
    ]);
    expect(events[0]!.data).toMatchObject({ dealId: deal.id, title: "Scalper Pro, annual", valuePaise: "1199900", stage: "Demo" });
    expect(await live.settled()).toEqual(
      expect.arrayContaining([
        { type: "deal.changed", dealId: deal.id },
        { type: "contact.changed", contactIds: [contact.id] },
      ]),
    );
    await live.unsubscribe();
  });

  test("the caller's transaction decides: rolled back, no deal, no timeline, no live event", async () => {
    const { organization } = await createOrganization(prisma);
    const organizationId = organization.id;
    const stages = await stagesByName(prisma, organizationId);
    const contact = await createContact(prisma, { organizationId });
    const live = await watchLiveEvents(organizationId);
    await expect(
      prisma.$transaction(async (tx) => {
        await createDeal(tx, { organizationId, actor: systemActor("Import") }, { title: "Never", valuePaise: 100n, stageId: stages.Demo!.id, contactId: contact.id });
        throw new Error("a later step failed");
      }),
    ).rejects.toThrow("a later step failed");
    expect(await prisma.deal.count({ where: { organizationId } })).toBe(0);
    expect(await prisma.contactEvent.count({ where: { organizationId } })).toBe(0);
    expect(await live.settled()).toEqual([]);
    await live.unsubscribe();
  });

  test("another organization's stage, contact or owner is not found, and nothing is written", async () => {
    const { organization } = await createOrganization(prisma);
    const other = await createOrganization(prisma);
    const organizationId = organization.id;
    const stages = await stagesByName(prisma, organizationId);
    const theirStages = await stagesByName(prisma, other.organization.id);
    const theirContact = await createContact(prisma, { organizationId: other.organization.id });
    const scope = { organizationId, actor: systemActor("Workflow: New lead") };
    const create = (fields: Partial<Parameters<typeof createDeal>[2]>) =>
      prisma.$transaction((tx) => createDeal(tx, scope, { title: "Theirs", valuePaise: 100n, stageId: stages.Demo!.id, ...fields }));
    await expectTRPCError(create({ stageId: theirStages.Demo!.id }), "NOT_FOUND", /Stage not found/);
    await expectTRPCError(create({ contactId: theirContact.id }), "NOT_FOUND", "Contact not found.");
    await expectTRPCError(create({ ownerId: other.owner.id }), "NOT_FOUND", /member of this organization/);
    expect(await prisma.deal.count({ where: { organizationId: { in: [organizationId, other.organization.id] } } })).toBe(0);
    expect(await prisma.contactEvent.count({ where: { contactId: theirContact.id } })).toBe(0);
  });
});
