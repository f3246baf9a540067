import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { expectTRPCError } from "~/testing/caller";
import { watchLiveEvents } from "~/testing/live-events";
import { systemActor } from "~/services/command.server";
import { deleteDeal } from "~/services/deal/delete-deal.server";
import { createContact, createOrganization } from "../../../prisma/factories";
import { createDeal } from "../../../prisma/factories-deals";

describe("deleteDeal, called as a job would", () => {
  test("removes the deal; its contact's timeline keeps what was deleted and by whom", async () => {
    const { organization } = await createOrganization(prisma);
    const organizationId = organization.id;
    const contact = await createContact(prisma, { organizationId });
    const deal = await createDeal(prisma, { organizationId, stage: "Demo", title: "Duplicate deal", contactId: contact.id });
    const live = await watchLiveEvents(organizationId);

    expect(await prisma.$transaction((tx) => deleteDeal(tx, { organizationId, actor: systemActor("Cleanup") }, { dealId: deal.id }))).toEqual({
      dealId: deal.id,
    });

    expect(await prisma.deal.count({ where: { id: deal.id } })).toBe(0);
    const events = await prisma.contactEvent.findMany({ where: { contactId: contact.id } });
    expect(events.map((e) => [e.type, e.actorId, e.actorLabel])).toEqual([["DEAL_DELETED", null, "Cleanup"]]);
    expect(events[0]!.data).toMatchObject({ dealId: deal.id, title: "Duplicate deal", stage: "Demo" });
    expect(await live.settled()).toEqual(
      expect.arrayContaining([{ type: "deal.changed", dealId: deal.id }, { type: "contact.changed", contactIds: [contact.id] }]),
    );
    await live.unsubscribe();
  });

  test("another organization's deal is not found and not deleted", async () => {
    const { organization } = await createOrganization(prisma);
    const other = await createOrganization(prisma);
    const theirs = await createDeal(prisma, { organizationId: other.organization.id });
    await expectTRPCError(
      prisma.$transaction((tx) => deleteDeal(tx, { organizationId: organization.id, actor: systemActor("Cleanup") }, { dealId: theirs.id })),
      "NOT_FOUND",
      "Deal not found.",
    );
    expect(await prisma.deal.count({ where: { id: theirs.id } })).toBe(1);
  });
});
