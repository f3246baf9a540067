import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { expectTRPCError } from "~/testing/caller";
import { watchLiveEvents } from "~/testing/live-events";
import { systemActor } from "~/services/command.server";
import { createDealStage } from "~/services/deal-stage/create-deal-stage.server";
import { createOrganization } from "../../../prisma/factories";

const names = async (organizationId: string) =>
  (await prisma.dealStage.findMany({ where: { organizationId }, orderBy: { position: "asc" } })).map((s) => s.name);

describe("createDealStage, called as a job would", () => {
  test("adds an open stage before Won and Lost, and tells open boards on commit; a taken name is refused", async () => {
    const { organization } = await createOrganization(prisma);
    const organizationId = organization.id;
    const live = await watchLiveEvents(organizationId);
    const scope = { organizationId, actor: systemActor("Pipeline template") };

    const stage = await prisma.$transaction((tx) => createDealStage(tx, scope, { name: "Trial", probability: 30 }));

    expect(stage).toMatchObject({ name: "Trial", probability: 30, kind: "OPEN", position: 4 });
    expect(await names(organizationId)).toEqual(["Qualification", "Demo", "Proposal", "Negotiation", "Trial", "Won", "Lost"]);
    expect(await live.settled()).toEqual([{ type: "dealStage.changed" }]);
    await expectTRPCError(prisma.$transaction((tx) => createDealStage(tx, scope, { name: "trial", probability: 10 })), "CONFLICT");
    expect(await prisma.dealStage.count({ where: { organizationId } })).toBe(7);
    await live.unsubscribe();
  });

  test("an organization without stages gets the default pipeline first; another organization's pipeline is untouched", async () => {
    const { organization } = await createOrganization(prisma);
    const other = await createOrganization(prisma);
    await prisma.dealStage.deleteMany({ where: { organizationId: organization.id } });
    const before = await names(other.organization.id);
    await prisma.$transaction((tx) =>
      createDealStage(tx, { organizationId: organization.id, actor: systemActor("Pipeline template") }, { name: "Trial", probability: 30 }),
    );
    expect(await names(organization.id)).toEqual(["Qualification", "Demo", "Proposal", "Negotiation", "Trial", "Won", "Lost"]);
    expect(await names(other.organization.id)).toEqual(before);
  });
});
