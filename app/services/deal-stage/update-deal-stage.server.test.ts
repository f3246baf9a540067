import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { expectTRPCError } from "~/testing/caller";
import { watchLiveEvents } from "~/testing/live-events";
import { systemActor } from "~/services/command.server";
import { updateDealStage } from "~/services/deal-stage/update-deal-stage.server";
import { createOrganization } from "../../../prisma/factories";
import { stagesByName } from "../../../prisma/factories-deals";

describe("updateDealStage, called as a job would", () => {
  test("renames a stage and sets its probability, telling open boards on commit; Won stays at 100%", async () => {
    const { organization } = await createOrganization(prisma);
    const organizationId = organization.id;
    const stages = await stagesByName(prisma, organizationId);
    const live = await watchLiveEvents(organizationId);
    const scope = { organizationId, actor: systemActor("Pipeline template") };

    await prisma.$transaction((tx) => updateDealStage(tx, scope, { stageId: stages.Demo!.id, name: "Live demo", probability: 35 }));

    expect(await prisma.dealStage.findUniqueOrThrow({ where: { id: stages.Demo!.id } })).toMatchObject({ name: "Live demo", probability: 35 });
    expect(await live.settled()).toEqual([{ type: "dealStage.changed" }]);
    await expectTRPCError(
      prisma.$transaction((tx) => updateDealStage(tx, scope, { stageId: stages.Won!.id, name: "Paid", probability: 90 })),
      "BAD_REQUEST",
      "The won stage is always 100%.",
    );
    expect(await prisma.dealStage.findUniqueOrThrow({ where: { id: stages.Won!.id } })).toMatchObject({ name: "Won", probability: 100 });
    await live.unsubscribe();
  });

  test("another organization's stage is not found and keeps its name", async () => {
    const { organization } = await createOrganization(prisma);
    const other = await createOrganization(prisma);
    const theirs = await stagesByName(prisma, other.organization.id);
    await expectTRPCError(
      prisma.$transaction((tx) =>
        updateDealStage(tx, { organizationId: organization.id, actor: systemActor("Pipeline template") }, {
          stageId: theirs.Demo!.id,
          name: "Mine",
          probability: 1,
        }),
      ),
      "NOT_FOUND",
      "Stage not found.",
    );
    expect(await prisma.dealStage.findUniqueOrThrow({ where: { id: theirs.Demo!.id } })).toMatchObject({ name: "Demo" });
  });
});
