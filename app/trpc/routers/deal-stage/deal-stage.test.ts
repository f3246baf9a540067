import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { callerFor, expectTRPCError } from "~/testing/caller";
import type { Role } from "~/utils/permissions";
import { liveEventHub } from "~/services/live-events.server";
import type { LiveEvent } from "~/utils/live-event";
import { addMember, createOrganization } from "../../../../prisma/factories";
import { createDeal, stagesByName } from "../../../../prisma/factories-deals";

async function pipelineOf(organizationId: string) {
  return prisma.dealStage.findMany({
    where: { organizationId },
    orderBy: { position: "asc" },
    select: { name: true, probability: true, kind: true, position: true },
  });
}

async function namesOf(organizationId: string) {
  return (await pipelineOf(organizationId)).map((stage) => stage.name);
}

async function adminOf() {
  const { organization, owner } = await createOrganization(prisma);
  const { caller } = await callerFor(owner, { organizationId: organization.id });
  return { organization, owner, caller };
}

describe("the default pipeline", () => {
  test("a new organization gets Qualification, Demo, Proposal, Negotiation, Won and Lost with their probabilities", async () => {
    const { organization } = await createOrganization(prisma);
    expect(await pipelineOf(organization.id)).toEqual([
      { name: "Qualification", probability: 10, kind: "OPEN", position: 0 },
      { name: "Demo", probability: 25, kind: "OPEN", position: 1 },
      { name: "Proposal", probability: 50, kind: "OPEN", position: 2 },
      { name: "Negotiation", probability: 75, kind: "OPEN", position: 3 },
      { name: "Won", probability: 100, kind: "WON", position: 4 },
      { name: "Lost", probability: 0, kind: "LOST", position: 5 },
    ]);
  });

  test("signing up through the procedure creates it in the same transaction", async () => {
    const { caller } = await callerFor(
      (await createOrganization(prisma)).owner,
      {},
    );
    const created = await caller.organization.create({ name: "Second Desk" });
    expect(await namesOf(created.id)).toEqual(["Qualification", "Demo", "Proposal", "Negotiation", "Won", "Lost"]);
  });

  test("an organization from before pipelines gets it the first time the board, the list or the form asks — once", async () => {
    const { organization, owner } = await createOrganization(prisma);
    await prisma.dealStage.deleteMany({ where: { organizationId: organization.id } });
    expect(await namesOf(organization.id)).toEqual([]);
    const { caller } = await callerFor(owner, { organizationId: organization.id });

    const [board, list, stages] = await Promise.all([
      caller.deal.board({}),
      caller.deal.list({}),
      caller.dealStage.list(),
    ]);

    expect(board.columns.map((column) => column.name)).toEqual(["Qualification", "Demo", "Proposal", "Negotiation", "Won", "Lost"]);
    expect(list.stages).toHaveLength(6);
    expect(stages.map((stage) => [stage.name, stage.probability, stage.kind])).toEqual([
      ["Qualification", 10, "OPEN"],
      ["Demo", 25, "OPEN"],
      ["Proposal", 50, "OPEN"],
      ["Negotiation", 75, "OPEN"],
      ["Won", 100, "WON"],
      ["Lost", 0, "LOST"],
    ]);
    expect(await prisma.dealStage.count({ where: { organizationId: organization.id } })).toBe(6);
  });

  test("a renamed pipeline is left alone (the lazy default only fills an empty one)", async () => {
    const { organization, caller } = await adminOf();
    const stages = await stagesByName(prisma, organization.id);
    await caller.dealStage.update({ stageId: stages.Qualification!.id, name: "Discovery", probability: 15 });
    await caller.deal.board({});
    expect(await namesOf(organization.id)).toEqual(["Discovery", "Demo", "Proposal", "Negotiation", "Won", "Lost"]);
  });
});

describe("dealStage.update (rename, default probability)", () => {
  test("renames a stage and sets its probability; the board shows the new name and everyone is told", async () => {
    const { organization, caller } = await adminOf();
    const stages = await stagesByName(prisma, organization.id);
    const events: LiveEvent[] = [];
    const unsubscribe = await liveEventHub().subscribe(organization.id, (event) => events.push(event));

    const updated = await caller.dealStage.update({ stageId: stages.Demo!.id, name: "  Live demo  ", probability: 30 });

    expect(updated).toMatchObject({ name: "Live demo", probability: 30, kind: "OPEN" });
    expect((await caller.deal.board({})).columns[1]).toMatchObject({ name: "Live demo", probability: 30 });
    await expect.poll(() => events).toContainEqual({ type: "dealStage.changed" });
    await unsubscribe();
  });

  test("a name another stage has (in any case) is refused on the name field", async () => {
    const { organization, caller } = await adminOf();
    const stages = await stagesByName(prisma, organization.id);
    const error = await expectTRPCError(
      caller.dealStage.update({ stageId: stages.Demo!.id, name: "proposal", probability: 25 }),
      "CONFLICT",
      /already a stage called/,
    );
    expect(error.cause).toBeDefined();
    expect(await namesOf(organization.id)).toContain("Demo");
  });

  test("Won stays at 100% and Lost at 0%, though both may be renamed", async () => {
    const { organization, caller } = await adminOf();
    const stages = await stagesByName(prisma, organization.id);
    await expectTRPCError(caller.dealStage.update({ stageId: stages.Won!.id, name: "Won", probability: 90 }), "BAD_REQUEST", /100%/);
    await expectTRPCError(caller.dealStage.update({ stageId: stages.Lost!.id, name: "Lost", probability: 5 }), "BAD_REQUEST", /0%/);
    await caller.dealStage.update({ stageId: stages.Won!.id, name: "Closed – won", probability: 100 });
    expect(await namesOf(organization.id)).toContain("Closed – won");
  });

  test("bad input is refused with field errors and nothing changes", async () => {
    const { organization, caller } = await adminOf();
    const stages = await stagesByName(prisma, organization.id);
    const before = await pipelineOf(organization.id);
    await expectTRPCError(caller.dealStage.update({ stageId: stages.Demo!.id, name: "  ", probability: 10 }), "BAD_REQUEST");
    await expectTRPCError(caller.dealStage.update({ stageId: stages.Demo!.id, name: "Demo", probability: 101 }), "BAD_REQUEST");
    await expectTRPCError(caller.dealStage.update({ stageId: stages.Demo!.id, name: "x".repeat(61), probability: 10 }), "BAD_REQUEST");
    expect(await pipelineOf(organization.id)).toEqual(before);
  });
});

describe("dealStage.reorder", () => {
  test("moves a stage up, down, to the front and past the end (clamped)", async () => {
    const { organization, caller } = await adminOf();
    const stages = await stagesByName(prisma, organization.id);

    await caller.dealStage.reorder({ stageId: stages.Proposal!.id, to: 1 });
    expect(await namesOf(organization.id)).toEqual(["Qualification", "Proposal", "Demo", "Negotiation", "Won", "Lost"]);

    await caller.dealStage.reorder({ stageId: stages.Proposal!.id, to: 2 });
    expect(await namesOf(organization.id)).toEqual(["Qualification", "Demo", "Proposal", "Negotiation", "Won", "Lost"]);

    await caller.dealStage.reorder({ stageId: stages.Lost!.id, to: 0 });
    expect(await namesOf(organization.id)).toEqual(["Lost", "Qualification", "Demo", "Proposal", "Negotiation", "Won"]);

    const result = await caller.dealStage.reorder({ stageId: stages.Lost!.id, to: 99 });
    expect(result.map((stage) => stage.name)).toEqual(["Qualification", "Demo", "Proposal", "Negotiation", "Won", "Lost"]);
    expect((await pipelineOf(organization.id)).map((stage) => stage.position)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  test("the board follows the new order", async () => {
    const { organization, caller } = await adminOf();
    const stages = await stagesByName(prisma, organization.id);
    await caller.dealStage.reorder({ stageId: stages.Negotiation!.id, to: 0 });
    expect((await caller.deal.board({})).columns.map((column) => column.name)[0]).toBe("Negotiation");
  });
});

describe("dealStage.create", () => {
  test("adds an OPEN stage after the last open one, before Won and Lost", async () => {
    const { organization, caller } = await adminOf();
    const created = await caller.dealStage.create({ name: "Contract sent", probability: 90 });
    expect(created).toMatchObject({ name: "Contract sent", probability: 90, kind: "OPEN", position: 4 });
    expect(await namesOf(organization.id)).toEqual([
      "Qualification",
      "Demo",
      "Proposal",
      "Negotiation",
      "Contract sent",
      "Won",
      "Lost",
    ]);
  });

  test("a duplicate name is refused", async () => {
    const { organization, caller } = await adminOf();
    await expectTRPCError(caller.dealStage.create({ name: "WON", probability: 50 }), "CONFLICT", /already a stage/);
    expect(await namesOf(organization.id)).toHaveLength(6);
  });
});

describe("dealStage.delete", () => {
  test("deletes an empty open stage and closes the gap", async () => {
    const { organization, caller } = await adminOf();
    const stages = await stagesByName(prisma, organization.id);
    await caller.dealStage.delete({ stageId: stages.Demo!.id });
    expect(await pipelineOf(organization.id)).toEqual([
      { name: "Qualification", probability: 10, kind: "OPEN", position: 0 },
      { name: "Proposal", probability: 50, kind: "OPEN", position: 1 },
      { name: "Negotiation", probability: 75, kind: "OPEN", position: 2 },
      { name: "Won", probability: 100, kind: "WON", position: 3 },
      { name: "Lost", probability: 0, kind: "LOST", position: 4 },
    ]);
  });

  test("a stage with deals is refused with a clear message, and it and its deals stay", async () => {
    const { organization, caller } = await adminOf();
    const stages = await stagesByName(prisma, organization.id);
    const deal = await createDeal(prisma, { organizationId: organization.id, stage: "Proposal" });
    await createDeal(prisma, { organizationId: organization.id, stage: "Proposal" });
    await expectTRPCError(
      caller.dealStage.delete({ stageId: stages.Proposal!.id }),
      "BAD_REQUEST",
      "“Proposal” still has 2 deals. Move or delete them first, then delete the stage.",
    );
    expect(await namesOf(organization.id)).toContain("Proposal");
    expect(await prisma.deal.findUnique({ where: { id: deal.id } })).not.toBeNull();
  });

  test("Won and Lost can't be deleted: exactly one of each must remain", async () => {
    const { organization, caller } = await adminOf();
    const stages = await stagesByName(prisma, organization.id);
    await expectTRPCError(caller.dealStage.delete({ stageId: stages.Won!.id }), "BAD_REQUEST", /exactly one won stage/);
    await expectTRPCError(caller.dealStage.delete({ stageId: stages.Lost!.id }), "BAD_REQUEST", /exactly one lost stage/);
    const kinds = (await pipelineOf(organization.id)).map((stage) => stage.kind);
    expect(kinds.filter((kind) => kind === "WON")).toHaveLength(1);
    expect(kinds.filter((kind) => kind === "LOST")).toHaveLength(1);
  });

  test("every open stage may go; Won and Lost remain", async () => {
    const { organization, caller } = await adminOf();
    const stages = await stagesByName(prisma, organization.id);
    for (const name of ["Qualification", "Demo", "Proposal", "Negotiation"]) {
      await caller.dealStage.delete({ stageId: stages[name]!.id });
    }
    expect(await pipelineOf(organization.id)).toEqual([
      { name: "Won", probability: 100, kind: "WON", position: 0 },
      { name: "Lost", probability: 0, kind: "LOST", position: 1 },
    ]);
    // An emptied pipeline is not "missing": the default does not come back.
    await caller.deal.board({});
    expect(await namesOf(organization.id)).toEqual(["Won", "Lost"]);
  });
});

describe("permissions", () => {
  test.each(["MANAGER", "AGENT", "VIEWER"] as const)("a %s may read the pipeline but not change it", async (role: Role) => {
    const { organization } = await createOrganization(prisma);
    const member = await addMember(prisma, { organizationId: organization.id, role });
    const stages = await stagesByName(prisma, organization.id);
    const before = await pipelineOf(organization.id);
    const { caller } = await callerFor(member.user, { organizationId: organization.id });

    expect(await caller.dealStage.list()).toHaveLength(6);
    await expectTRPCError(caller.dealStage.create({ name: "New", probability: 10 }), "FORBIDDEN");
    await expectTRPCError(caller.dealStage.update({ stageId: stages.Demo!.id, name: "X", probability: 10 }), "FORBIDDEN");
    await expectTRPCError(caller.dealStage.reorder({ stageId: stages.Demo!.id, to: 0 }), "FORBIDDEN");
    await expectTRPCError(caller.dealStage.delete({ stageId: stages.Demo!.id }), "FORBIDDEN");
    expect(await pipelineOf(organization.id)).toEqual(before);
  });

  test("an ADMIN may change it", async () => {
    const { organization } = await createOrganization(prisma);
    const admin = await addMember(prisma, { organizationId: organization.id, role: "ADMIN" });
    const stages = await stagesByName(prisma, organization.id);
    const { caller } = await callerFor(admin.user, { organizationId: organization.id });
    await caller.dealStage.update({ stageId: stages.Demo!.id, name: "Walkthrough", probability: 20 });
    expect(await namesOf(organization.id)).toContain("Walkthrough");
  });
});
