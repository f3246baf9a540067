import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { expectTRPCError } from "~/testing/caller";
import { watchLiveEvents } from "~/testing/live-events";
import { systemActor } from "~/services/command.server";
import { updateDeal } from "~/services/deal/update-deal.server";
import { createContact, createOrganization } from "../../../prisma/factories";
import { createDeal, stagesByName } from "../../../prisma/factories-deals";

describe("updateDeal, called as a job would", () => {
  test("saves the form's fields at the version it was read, with the change on the timeline under the system's name", async () => {
    const { organization } = await createOrganization(prisma);
    const organizationId = organization.id;
    const stages = await stagesByName(prisma, organizationId);
    const contact = await createContact(prisma, { organizationId });
    const deal = await createDeal(prisma, { organizationId, stage: "Demo", title: "Options course", valuePaise: 499_900, contactId: contact.id });
    const live = await watchLiveEvents(organizationId);
    const scope = { organizationId, actor: systemActor("Payment received") };

    const result = await prisma.$transaction((tx) =>
      updateDeal(tx, scope, {
        dealId: deal.id,
        version: deal.version,
        title: "Options course, batch 4",
        valuePaise: 599_900n,
        stageId: stages.Demo!.id,
        contactId: contact.id,
      }),
    );

    expect(result.status).toBe("saved");
    expect(await prisma.deal.findUniqueOrThrow({ where: { id: deal.id } })).toMatchObject({
      title: "Options course, batch 4",
      valuePaise: 599_900n,
      probability: deal.probability,
      version: deal.version + 1,
      updatedById: null,
    });
    const events = await prisma.contactEvent.findMany({ where: { contactId: contact.id } });
    expect(events.map((e) => [e.type, e.actorId, e.actorLabel])).toEqual([["DEAL_UPDATED", null, "Payment received"]]);
    expect(events[0]!.data).toMatchObject({
      dealId: deal.id,
      changes: [
        { field: "title", before: "Options course", after: "Options course, batch 4" },
        { field: "value", before: "499900", after: "599900" },
      ],
    });
    expect(await live.settled()).toEqual(
      expect.arrayContaining([{ type: "deal.changed", dealId: deal.id }, { type: "contact.changed", contactIds: [contact.id] }]),
    );

    // The same version again is someone else's older view: refused, nothing written.
    const stale = await prisma.$transaction((tx) =>
      updateDeal(tx, scope, { dealId: deal.id, version: deal.version, title: "Stale", valuePaise: 1n, stageId: stages.Demo!.id }),
    );
    expect(stale).toMatchObject({ status: "conflict", current: { version: deal.version + 1, updatedBy: null } });
    expect(await prisma.deal.findUniqueOrThrow({ where: { id: deal.id } })).toMatchObject({ title: "Options course, batch 4" });
    expect(await prisma.contactEvent.count({ where: { contactId: contact.id } })).toBe(1);
    await live.unsubscribe();
  });

  test("another organization's deal is not found and stays as it was", async () => {
    const { organization } = await createOrganization(prisma);
    const other = await createOrganization(prisma);
    const stages = await stagesByName(prisma, organization.id);
    const theirs = await createDeal(prisma, { organizationId: other.organization.id, title: "Theirs" });
    await expectTRPCError(
      prisma.$transaction((tx) =>
        updateDeal(tx, { organizationId: organization.id, actor: systemActor("Payment received") }, {
          dealId: theirs.id,
          version: theirs.version,
          title: "Mine now",
          valuePaise: 1n,
          stageId: stages.Demo!.id,
        }),
      ),
      "NOT_FOUND",
      "Deal not found.",
    );
    expect(await prisma.deal.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({ title: "Theirs", version: theirs.version });
  });
});
