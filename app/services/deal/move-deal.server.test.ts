import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { expectTRPCError } from "~/testing/caller";
import { watchLiveEvents } from "~/testing/live-events";
import { systemActor } from "~/services/command.server";
import { moveDeal } from "~/services/deal/move-deal.server";
import { createContact, createOrganization } from "../../../prisma/factories";
import { createDeal, stagesByName } from "../../../prisma/factories-deals";

describe("moveDeal, called as a job would", () => {
  test("to Won: takes 100%, closes, and the contact's timeline says who won it", async () => {
    const { organization, owner } = await createOrganization(prisma);
    const organizationId = organization.id;
    const stages = await stagesByName(prisma, organizationId);
    const contact = await createContact(prisma, { organizationId });
    const deal = await createDeal(prisma, { organizationId, stage: "Negotiation", contactId: contact.id, ownerId: owner.id });
    const live = await watchLiveEvents(organizationId);

    const result = await prisma.$transaction((tx) =>
      moveDeal(tx, { organizationId, actor: systemActor("Payment received", owner.id) }, {
        dealId: deal.id,
        stageId: stages.Won!.id,
        version: deal.version,
      }),
    );

    expect(result).toMatchObject({ status: "saved", stageName: "Won" });
    const row = await prisma.deal.findUniqueOrThrow({ where: { id: deal.id } });
    expect(row).toMatchObject({ stageId: stages.Won!.id, probability: 100, updatedById: owner.id, version: deal.version + 1 });
    expect(row.closedAt).not.toBeNull();
    const events = await prisma.contactEvent.findMany({ where: { contactId: contact.id } });
    expect(events.map((e) => [e.type, e.actorId, e.actorLabel])).toEqual([["DEAL_WON", owner.id, "Payment received"]]);
    expect(events[0]!.data).toMatchObject({ dealId: deal.id, before: "Negotiation", after: "Won", reopened: false });
    expect(await live.settled()).toEqual(
      expect.arrayContaining([{ type: "deal.changed", dealId: deal.id }, { type: "contact.changed", contactIds: [contact.id] }]),
    );
    await live.unsubscribe();
  });

  test("another organization's stage is not found; the deal stays where it was", async () => {
    const { organization } = await createOrganization(prisma);
    const other = await createOrganization(prisma);
    const theirStages = await stagesByName(prisma, other.organization.id);
    const deal = await createDeal(prisma, { organizationId: organization.id, stage: "Demo" });
    await expectTRPCError(
      prisma.$transaction((tx) =>
        moveDeal(tx, { organizationId: organization.id, actor: systemActor("Workflow: Won") }, {
          dealId: deal.id,
          stageId: theirStages.Won!.id,
          version: deal.version,
        }),
      ),
      "NOT_FOUND",
      /Stage not found/,
    );
    expect(await prisma.deal.findUniqueOrThrow({ where: { id: deal.id } })).toMatchObject({ stageId: deal.stageId, version: deal.version });
  });
});
