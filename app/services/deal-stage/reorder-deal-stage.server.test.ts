import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { expectTRPCError } from "~/testing/caller";
import { watchLiveEvents } from "~/testing/live-events";
import { systemActor } from "~/services/command.server";
import { reorderDealStage } from "~/services/deal-stage/reorder-deal-stage.server";
import { createOrganization } from "../../../prisma/factories";
import { stagesByName } from "../../../prisma/factories-deals";

describe("reorderDealStage, called as a job would", () => {
  test("moves a stage to the front and returns the new order, telling open boards on commit", async () => {
    const { organization } = await createOrganization(prisma);
    const organizationId = organization.id;
    const stages = await stagesByName(prisma, organizationId);
    const live = await watchLiveEvents(organizationId);

    const order = await prisma.$transaction((tx) =>
      reorderDealStage(tx, { organizationId, actor: systemActor("Pipeline template") }, { stageId: stages.Proposal!.id, to: 0 }),
    );

    expect(order.map((s) => s.name)).toEqual(["Proposal", "Qualification", "Demo", "Negotiation", "Won", "Lost"]);
    expect(await prisma.dealStage.findUniqueOrThrow({ where: { id: stages.Proposal!.id } })).toMatchObject({ position: 0 });
    expect(await live.settled()).toEqual([{ type: "dealStage.changed" }]);
    await live.unsubscribe();
  });

  test("another organization's stage is not found; both pipelines keep their order", async () => {
    const { organization } = await createOrganization(prisma);
    const other = await createOrganization(prisma);
    const theirs = await stagesByName(prisma, other.organization.id);
    await expectTRPCError(
      prisma.$transaction((tx) =>
        reorderDealStage(tx, { organizationId: organization.id, actor: systemActor("Pipeline template") }, { stageId: theirs.Lost!.id, to: 0 }),
      ),
      "NOT_FOUND",
      "Stage not found.",
    );
    expect(await prisma.dealStage.findUniqueOrThrow({ where: { id: theirs.Lost!.id } })).toMatchObject({ position: 5 });
  });
});
