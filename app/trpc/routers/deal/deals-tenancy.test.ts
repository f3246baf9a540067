// Tenancy replay for companies, deals and the pipeline: members of
// organization A replay organization B's ids against every company.*, deal.*
// and dealStage.* procedure. They get NOT_FOUND (or FORBIDDEN by role), see
// none of B's data, and B's rows stay exactly as they were.
import { beforeAll, describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { callerFor, expectTRPCError, type TestCaller } from "~/testing/caller";
import { addMember, createContact, createOrganization } from "../../../../prisma/factories";
import { createCompany, createDeal, stagesByName } from "../../../../prisma/factories-deals";

type World = Awaited<ReturnType<typeof buildWorld>>;

async function buildWorld() {
  const a = await createOrganization(prisma, { name: "Org A" });
  const b = await createOrganization(prisma, { name: "Org B" });
  const aAgent = await addMember(prisma, { organizationId: a.organization.id, role: "AGENT" });
  const bAgent = await addMember(prisma, { organizationId: b.organization.id, role: "AGENT", user: { name: "B Agent" } });
  const both = await addMember(prisma, { organizationId: a.organization.id, role: "OWNER" });
  await prisma.membership.create({ data: { organizationId: b.organization.id, userId: both.user.id, role: "OWNER" } });

  const aStages = await stagesByName(prisma, a.organization.id);
  const bStages = await stagesByName(prisma, b.organization.id);
  const bCompany = await createCompany(prisma, {
    organizationId: b.organization.id,
    name: "B Secret Brokerage",
    website: "https://b-secret.example.com",
  });
  const bContact = await createContact(prisma, { organizationId: b.organization.id, name: "B Secret Contact" });
  await prisma.contact.update({ where: { id: bContact.id }, data: { companyId: bCompany.id } });
  const bDeal = await createDeal(prisma, {
    organizationId: b.organization.id,
    stage: "Proposal",
    title: "B Secret Deal",
    valuePaise: 7_777_700,
    contactId: bContact.id,
    companyId: bCompany.id,
    ownerId: bAgent.user.id,
  });
  const bEmptyStage = await prisma.dealStage.create({
    data: { organizationId: b.organization.id, name: "B Secret Stage", position: 6, probability: 60 },
  });

  const aCompany = await createCompany(prisma, { organizationId: a.organization.id, name: "A Company" });
  const aContact = await createContact(prisma, { organizationId: a.organization.id, name: "A Contact" });
  const aDeal = await createDeal(prisma, { organizationId: a.organization.id, stage: "Demo", title: "A Deal", valuePaise: 100 });

  const bIds = [
    b.organization.id,
    bCompany.id,
    bContact.id,
    bDeal.id,
    bEmptyStage.id,
    bAgent.user.id,
    ...Object.values(bStages).map((stage) => stage.id),
    "B Secret",
    "b-secret",
    "7777700",
  ];
  return { a, b, aAgent, bAgent, both, aStages, bStages, bCompany, bContact, bDeal, bEmptyStage, aCompany, aContact, aDeal, bIds };
}

async function snapshotB(world: World) {
  const organizationId = world.b.organization.id;
  const [companies, contacts, deals, stages, events] = await Promise.all([
    prisma.company.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    prisma.contact.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    prisma.deal.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    prisma.dealStage.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    prisma.contactEvent.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
  ]);
  return { companies, contacts, deals, stages, events };
}

async function snapshotA(world: World) {
  const organizationId = world.a.organization.id;
  const [companies, deals, stages, events] = await Promise.all([
    prisma.company.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    prisma.deal.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    prisma.dealStage.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    prisma.contactEvent.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
  ]);
  return { companies, deals, stages, events };
}

function expectNoneOf(value: unknown, forbidden: string[]) {
  const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
  for (const item of forbidden) expect(text, `leaked ${item}`).not.toContain(item);
}

let world: World;
/** `refusal`: what a procedure above the attacker's role answers instead of NOT_FOUND. */
let attackers: Array<{ label: string; caller: TestCaller; admin: boolean; manager: boolean }>;

beforeAll(async () => {
  world = await buildWorld();
  attackers = [
    {
      label: "owner of A",
      caller: (await callerFor(world.a.owner, { organizationId: world.a.organization.id })).caller,
      admin: true,
      manager: true,
    },
    {
      label: "agent of A",
      caller: (await callerFor(world.aAgent.user, { organizationId: world.a.organization.id })).caller,
      admin: false,
      manager: false,
    },
    {
      label: "owner of both, working in A",
      caller: (await callerFor(world.both.user, { organizationId: world.a.organization.id })).caller,
      admin: true,
      manager: true,
    },
  ];
});

async function refused(call: Promise<unknown>, expected: "NOT_FOUND" | "FORBIDDEN") {
  const error = await expectTRPCError(call, expected);
  expectNoneOf(error.message, world.bIds);
}

describe("companies: B's ids from A", () => {
  test("company.get, update and delete are NOT_FOUND (delete FORBIDDEN for an agent) and B is unchanged", async () => {
    const before = await snapshotB(world);
    for (const { caller, manager } of attackers) {
      await refused(caller.company.get({ companyId: world.bCompany.id }), "NOT_FOUND");
      await refused(caller.company.update({ companyId: world.bCompany.id, name: "Hijacked", website: "evil.example.com" }), "NOT_FOUND");
      await refused(caller.company.delete({ companyId: world.bCompany.id }), manager ? "NOT_FOUND" : "FORBIDDEN");
    }
    expect(await snapshotB(world)).toEqual(before);
  });

  test("company.list and company.options show only A's companies, whatever the search", async () => {
    for (const { caller } of attackers) {
      for (const q of ["", "B", "b secret"]) {
        const list = await caller.company.list({ q });
        expectNoneOf(list, world.bIds);
      }
      expect((await caller.company.list({})).companies.map((c) => c.id)).toEqual([world.aCompany.id]);
      const options = await caller.company.options();
      expect(options.map((c) => c.id)).toEqual([world.aCompany.id]);
    }
  });

  test("creating a company in A with B's company name works and touches nothing of B", async () => {
    const before = await snapshotB(world);
    const created = await attackers[0]!.caller.company.create({ name: "B Secret Brokerage (A's own)" });
    expect(await prisma.company.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({
      organizationId: world.a.organization.id,
    });
    await prisma.company.delete({ where: { id: created.id } });
    expect(await snapshotB(world)).toEqual(before);
  });
});

describe("deals: B's ids from A", () => {
  test("deal.get, update, move and delete of B's deal are NOT_FOUND (or FORBIDDEN by role) and change nothing", async () => {
    const before = await snapshotB(world);
    for (const { caller, manager } of attackers) {
      await refused(caller.deal.get({ dealId: world.bDeal.id }), "NOT_FOUND");
      await refused(caller.deal.history({ dealId: world.bDeal.id }), "NOT_FOUND");
      await refused(
        caller.deal.update({
          dealId: world.bDeal.id,
          version: 1,
          title: "Hijacked",
          value: "1",
          stageId: world.aStages.Demo!.id,
        }),
        "NOT_FOUND",
      );
      await refused(caller.deal.move({ dealId: world.bDeal.id, stageId: world.aStages.Won!.id, version: 1 }), "NOT_FOUND");
      await refused(caller.deal.move({ dealId: world.bDeal.id, stageId: world.bStages.Won!.id, version: 1 }), "NOT_FOUND");
      await refused(caller.deal.delete({ dealId: world.bDeal.id }), manager ? "NOT_FOUND" : "FORBIDDEN");
    }
    expect(await snapshotB(world)).toEqual(before);
  });

  test("deal.create in A pointing at B's stage, contact, company or member is refused; nothing is written anywhere", async () => {
    const beforeB = await snapshotB(world);
    const beforeA = await snapshotA(world);
    const base = { title: "Smuggled", value: "4,999", stageId: world.aStages.Demo!.id };
    for (const { caller } of attackers) {
      await refused(caller.deal.create({ ...base, stageId: world.bStages.Proposal!.id }), "NOT_FOUND");
      await refused(caller.deal.create({ ...base, stageId: world.bEmptyStage.id }), "NOT_FOUND");
      await refused(caller.deal.create({ ...base, contactId: world.bContact.id }), "NOT_FOUND");
      await refused(caller.deal.create({ ...base, companyId: world.bCompany.id }), "NOT_FOUND");
      await refused(caller.deal.create({ ...base, ownerId: world.bAgent.user.id }), "NOT_FOUND");
    }
    expect(await snapshotB(world)).toEqual(beforeB);
    expect(await snapshotA(world)).toEqual(beforeA);
  });

  test("deal.update and deal.move of A's own deal onto B's stage, contact, company or member are refused", async () => {
    const beforeB = await snapshotB(world);
    const beforeA = await snapshotA(world);
    const form = { dealId: world.aDeal.id, version: 1, title: "A Deal", value: "1", stageId: world.aStages.Demo!.id };
    for (const { caller } of attackers) {
      await refused(caller.deal.update({ ...form, stageId: world.bStages.Won!.id }), "NOT_FOUND");
      await refused(caller.deal.update({ ...form, contactId: world.bContact.id }), "NOT_FOUND");
      await refused(caller.deal.update({ ...form, companyId: world.bCompany.id }), "NOT_FOUND");
      await refused(caller.deal.update({ ...form, ownerId: world.bAgent.user.id }), "NOT_FOUND");
      await refused(caller.deal.move({ dealId: world.aDeal.id, stageId: world.bStages.Won!.id, version: 1 }), "NOT_FOUND");
      await refused(caller.deal.move({ dealId: world.aDeal.id, stageId: world.bEmptyStage.id, version: 1 }), "NOT_FOUND");
    }
    expect(await snapshotB(world)).toEqual(beforeB);
    expect(await snapshotA(world)).toEqual(beforeA);
  });

  test("deal.board, deal.list and deal.formOptions show only A's pipeline and data, even when asked for B's ids", async () => {
    for (const { caller } of attackers) {
      const board = await caller.deal.board({ pages: { [world.bStages.Proposal!.id]: 3, [world.bEmptyStage.id]: 2 } });
      expectNoneOf(board, world.bIds);
      expect(board.columns.map((column) => column.id)).toEqual(
        ["Qualification", "Demo", "Proposal", "Negotiation", "Won", "Lost"].map((name) => world.aStages[name]!.id),
      );
      expect(board.forecast).toMatchObject({ openCount: 1, openPaise: "100" });

      const all = await caller.deal.list({});
      expectNoneOf(all, world.bIds);
      expect(all.deals.map((deal) => deal.id)).toEqual([world.aDeal.id]);
      const byBStage = await caller.deal.list({ stageId: world.bStages.Proposal!.id });
      expect(byBStage).toMatchObject({ total: 0, deals: [] });
      expectNoneOf(byBStage, world.bIds);

      const options = await caller.deal.formOptions({ contactQ: "B Secret", contactId: world.bContact.id });
      expectNoneOf(options, world.bIds);
      expect(options.contacts).toEqual([]);
      const everything = await caller.deal.formOptions({});
      expectNoneOf(everything, world.bIds);
    }
  });
});

describe("the pipeline: B's stages from A", () => {
  test("dealStage.update, reorder and delete of B's stages are NOT_FOUND for A's admins, FORBIDDEN for its agents", async () => {
    const before = await snapshotB(world);
    for (const { caller, admin } of attackers) {
      const refusal = admin ? "NOT_FOUND" : "FORBIDDEN";
      for (const stage of [world.bStages.Proposal!, world.bStages.Won!, world.bEmptyStage]) {
        await refused(caller.dealStage.update({ stageId: stage.id, name: "Hijacked", probability: 1 }), refusal);
        await refused(caller.dealStage.reorder({ stageId: stage.id, to: 0 }), refusal);
        await refused(caller.dealStage.delete({ stageId: stage.id }), refusal);
      }
    }
    expect(await snapshotB(world)).toEqual(before);
  });

  test("dealStage.list and dealStage.create stay inside A", async () => {
    const before = await snapshotB(world);
    for (const { caller } of attackers) {
      const stages = await caller.dealStage.list();
      expectNoneOf(stages, world.bIds);
      expect(stages).toHaveLength(6);
    }
    const created = await attackers[0]!.caller.dealStage.create({ name: "B Secret Stage", probability: 60 });
    expect(await prisma.dealStage.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({
      organizationId: world.a.organization.id,
    });
    await prisma.dealStage.delete({ where: { id: created.id } });
    expect(await snapshotB(world)).toEqual(before);
  });
});

test("B's own members still see B's data (the fixture is real)", async () => {
  const { caller } = await callerFor(world.b.owner, { organizationId: world.b.organization.id });
  expect(await caller.company.get({ companyId: world.bCompany.id })).toMatchObject({ name: "B Secret Brokerage" });
  expect(await caller.deal.get({ dealId: world.bDeal.id })).toMatchObject({ title: "B Secret Deal" });
  expect((await caller.dealStage.list()).map((stage) => stage.id)).toContain(world.bEmptyStage.id);
  const board = await caller.deal.board({});
  expect(board.columns.find((column) => column.id === world.bStages.Proposal!.id)?.deals.map((deal) => deal.id)).toEqual([
    world.bDeal.id,
  ]);
});
