import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { expectTRPCError } from "~/testing/caller";
import { watchLiveEvents } from "~/testing/live-events";
import { systemActor } from "~/services/command.server";
import { deleteDealStage } from "~/services/deal-stage/delete-deal-stage.server";
import { createOrganization } from "../../../prisma/factories";
import { createDeal, stagesByName } from "../../../prisma/factories-deals";

describe("deleteDealStage, called as a job would", () => {
  test("deletes an empty open stage and closes the gap; one with a deal is refused and stays", async () => {
    const { organization } = await createOrganization(prisma);
    const organizationId = organization.id;
    const stages = await stagesByName(prisma, organizationId);
    await createDeal(prisma, { organizationId, stage: "Proposal" });
    const live = await watchLiveEvents(organizationId);
    const scope = { organizationId, actor: systemActor("Pipeline template") };

    expect(await prisma.$transaction((tx) => deleteDealStage(tx, scope, { stageId: stages.Demo!.id }))).toEqual({ stageId: stages.Demo!.id });

    const left = await prisma.dealStage.findMany({ where: { organizationId }, orderBy: { position: "asc" } });
    expect(left.map((s) => [s.name, s.position])).toEqual([
      ["Qualification", 0],
      ["Proposal", 1],
      ["Negotiation", 2],
      ["Won", 3],
      ["Lost", 4],
    ]);
    expect(await live.settled()).toEqual([{ type: "dealStage.changed" }]);
    await expectTRPCError(
      prisma.$transaction((tx) => deleteDealStage(tx, scope, { stageId: stages.Proposal!.id })),
      "BAD_REQUEST",
      "“Proposal” still has 1 deal. Move or delete it first, then delete the stage.",
    );
    await expectTRPCError(prisma.$transaction((tx) => deleteDealStage(tx, scope, { stageId: stages.Won!.id })), "BAD_REQUEST", /exactly one won/);
    expect(await prisma.dealStage.count({ where: { organizationId } })).toBe(5);
    await live.unsubscribe();
  });

  test("another organization's stage is not found and not deleted", async () => {
    const { organization } = await createOrganization(prisma);
    const other = await createOrganization(prisma);
    const theirs = await stagesByName(prisma, other.organization.id);
    await expectTRPCError(
      prisma.$transaction((tx) => deleteDealStage(tx, { organizationId: organization.id, actor: systemActor("Pipeline template") }, { stageId: theirs.Demo!.id })),
      "NOT_FOUND",
      "Stage not found.",
    );
    expect(await prisma.dealStage.count({ where: { id: theirs.Demo!.id } })).toBe(1);
  });
});
