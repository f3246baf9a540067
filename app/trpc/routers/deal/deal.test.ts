import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { callerFor, expectTRPCError } from "~/testing/caller";
import { liveEventHub } from "~/services/live-events.server";
import type { LiveEvent } from "~/utils/live-event";
import { addMember, createContact, createOrganization } from "../../../../prisma/factories";
import { createCompany, createDeal, stagesByName } from "../../../../prisma/factories-deals";

async function team() {
  const { organization, owner } = await createOrganization(prisma);
  const [manager, agent, otherAgent, viewer] = await Promise.all([
    addMember(prisma, { organizationId: organization.id, role: "MANAGER" }),
    addMember(prisma, { organizationId: organization.id, role: "AGENT", user: { name: "Aisha Khan" } }),
    addMember(prisma, { organizationId: organization.id, role: "AGENT" }),
    addMember(prisma, { organizationId: organization.id, role: "VIEWER" }),
  ]);
  const stages = await stagesByName(prisma, organization.id);
  const as = async (user: { id: string }) => (await callerFor(user, { organizationId: organization.id })).caller;
  return { organization, owner, manager, agent, otherAgent, viewer, stages, as };
}

const row = (id: string) => prisma.deal.findUniqueOrThrow({ where: { id } });

describe("deal.create", () => {
  test("stores the rupee value as paise, takes the stage's probability, and returns JSON-safe values", async () => {
    const t = await team();
    const contact = await createContact(prisma, { organizationId: t.organization.id, name: "Priya Sharma" });
    const company = await createCompany(prisma, { organizationId: t.organization.id, name: "Dalal Street Academy" });
    const caller = await t.as(t.agent.user);

    const deal = await caller.deal.create({
      title: "Annual All-Access for the academy",
      value: "2,49,999.50",
      stageId: t.stages.Demo!.id,
      contactId: contact.id,
      companyId: company.id,
      ownerId: t.agent.user.id,
      expectedCloseDate: "2026-12-31",
    });

    expect(deal).toMatchObject({
      title: "Annual All-Access for the academy",
      valuePaise: "24999950",
      probability: 25,
      stageId: t.stages.Demo!.id,
      expectedCloseDate: "2026-12-31",
      closedAt: null,
      version: 1,
      contact: { id: contact.id, name: "Priya Sharma" },
      company: { id: company.id, name: "Dalal Street Academy" },
      owner: { id: t.agent.user.id, name: "Aisha Khan" },
    });
    const stored = await row(deal.id);
    expect(stored.valuePaise).toBe(24_999_950n);
    expect(stored.expectedCloseDate?.toISOString()).toBe("2026-12-31T00:00:00.000Z");
    expect(stored.organizationId).toBe(t.organization.id);
  });

  test("an explicit probability wins over the stage's; a deal created straight into Won is closed", async () => {
    const t = await team();
    const caller = await t.as(t.owner);
    const explicit = await caller.deal.create({ title: "Scalper Pro", value: "7999", stageId: t.stages.Demo!.id, probability: 40 });
    expect(explicit.probability).toBe(40);
    const won = await caller.deal.create({ title: "Sensex Swing", value: "12,499", stageId: t.stages.Won!.id });
    expect(won.probability).toBe(100);
    expect(won.closedAt).not.toBeNull();
  });

  test("creating a deal for a contact puts DEAL_CREATED on that contact's timeline, with who did it", async () => {
    const t = await team();
    const contact = await createContact(prisma, { organizationId: t.organization.id });
    const caller = await t.as(t.agent.user);
    const deal = await caller.deal.create({ title: "Nifty Trend Rider", value: "4,999", stageId: t.stages.Proposal!.id, contactId: contact.id });

    const events = await prisma.contactEvent.findMany({ where: { contactId: contact.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      organizationId: t.organization.id,
      type: "DEAL_CREATED",
      actorId: t.agent.user.id,
      data: { dealId: deal.id, title: "Nifty Trend Rider", valuePaise: "499900", stage: "Proposal", probability: 50 },
    });
  });

  test("a deal without a contact writes no timeline event", async () => {
    const t = await team();
    await (await t.as(t.owner)).deal.create({ title: "Walk-in", value: "4999", stageId: t.stages.Demo!.id });
    expect(await prisma.contactEvent.count({ where: { organizationId: t.organization.id } })).toBe(0);
  });

  test("bad input is refused field by field and nothing is written", async () => {
    const t = await team();
    const caller = await t.as(t.owner);
    for (const [input, field] of [
      [{ title: "", value: "4999", stageId: t.stages.Demo!.id }, "title"],
      [{ title: "X", value: "4999.999", stageId: t.stages.Demo!.id }, "value"],
      [{ title: "X", value: "-5", stageId: t.stages.Demo!.id }, "value"],
      [{ title: "X", value: "100,00,00,001", stageId: t.stages.Demo!.id }, "value"],
      [{ title: "X", value: "4999", stageId: "not-a-stage" }, "stageId"],
      [{ title: "X", value: "4999", stageId: t.stages.Demo!.id, probability: 120 }, "probability"],
      [{ title: "X", value: "4999", stageId: t.stages.Demo!.id, expectedCloseDate: "2026-02-30" }, "expectedCloseDate"],
    ] as const) {
      const error = await expectTRPCError(caller.deal.create(input as never), "BAD_REQUEST");
      expect(JSON.stringify(error.cause), `${field} error`).toContain(field);
    }
    expect(await prisma.deal.count({ where: { organizationId: t.organization.id } })).toBe(0);
  });

  test("the owner must be a member of the organization", async () => {
    const t = await team();
    const stranger = await createOrganization(prisma);
    await expectTRPCError(
      (await t.as(t.owner)).deal.create({ title: "X", value: "1", stageId: t.stages.Demo!.id, ownerId: stranger.owner.id }),
      "NOT_FOUND",
      /member of this organization/,
    );
    expect(await prisma.deal.count({ where: { organizationId: t.organization.id } })).toBe(0);
  });

  test("a VIEWER may not create deals", async () => {
    const t = await team();
    await expectTRPCError(
      (await t.as(t.viewer.user)).deal.create({ title: "X", value: "1", stageId: t.stages.Demo!.id }),
      "FORBIDDEN",
    );
  });

  test("is announced live as deal.changed", async () => {
    const t = await team();
    const events: LiveEvent[] = [];
    const unsubscribe = await liveEventHub().subscribe(t.organization.id, (event) => events.push(event));
    const deal = await (await t.as(t.owner)).deal.create({ title: "Live", value: "1", stageId: t.stages.Demo!.id });
    await expect.poll(() => events).toContainEqual({ type: "deal.changed", dealId: deal.id });
    await unsubscribe();
  });
});

describe("deal.move", () => {
  test("takes the new stage's probability, closes on Won, reopens (closedAt cleared) on an open stage", async () => {
    const t = await team();
    const caller = await t.as(t.owner);
    const deal = await caller.deal.create({ title: "BankNifty", value: "7,999", stageId: t.stages.Qualification!.id });

    const demo = await caller.deal.move({ dealId: deal.id, stageId: t.stages.Negotiation!.id, version: 1 });
    expect(demo).toMatchObject({ stageId: t.stages.Negotiation!.id, probability: 75, closedAt: null, version: 2 });

    const won = await caller.deal.move({ dealId: deal.id, stageId: t.stages.Won!.id, version: 2 });
    expect(won.probability).toBe(100);
    expect(won.closedAt).not.toBeNull();
    const closedAt = (await row(deal.id)).closedAt;
    expect(closedAt).toBeInstanceOf(Date);

    const lost = await caller.deal.move({ dealId: deal.id, stageId: t.stages.Lost!.id, version: 3 });
    expect(lost.probability).toBe(0);
    expect(lost.closedAt).not.toBeNull();

    const reopened = await caller.deal.move({ dealId: deal.id, stageId: t.stages.Proposal!.id, version: 4 });
    expect(reopened).toMatchObject({ probability: 50, closedAt: null, version: 5 });
  });

  test("reordering inside a closed column keeps its closing time", async () => {
    const t = await team();
    const closedAt = new Date("2026-11-01T10:00:00Z");
    const deal = await createDeal(prisma, { organizationId: t.organization.id, stage: "Won", closedAt });
    await createDeal(prisma, { organizationId: t.organization.id, stage: "Won", position: -10 });
    const moved = await (await t.as(t.owner)).deal.move({ dealId: deal.id, stageId: t.stages.Won!.id, position: 0, version: 1 });
    expect(moved.closedAt).toBe(closedAt.toISOString());
  });

  test("puts the card where it was dropped: top by default, or at a given index", async () => {
    const t = await team();
    const caller = await t.as(t.owner);
    const make = (title: string) => caller.deal.create({ title, value: "1", stageId: t.stages.Demo!.id });
    // Each new deal goes on top: C, B, A.
    const a = await make("A");
    await make("B");
    await make("C");
    const column = async () =>
      (await caller.deal.board({})).columns.find((c) => c.id === t.stages.Demo!.id)!.deals.map((d) => d.title);
    expect(await column()).toEqual(["C", "B", "A"]);

    const mover = await caller.deal.create({ title: "M", value: "1", stageId: t.stages.Proposal!.id });
    await caller.deal.move({ dealId: mover.id, stageId: t.stages.Demo!.id, position: 2, version: 1 });
    expect(await column()).toEqual(["C", "B", "M", "A"]);

    await caller.deal.move({ dealId: a.id, stageId: t.stages.Demo!.id, position: 0, version: 1 });
    expect(await column()).toEqual(["A", "C", "B", "M"]);

    await caller.deal.move({ dealId: a.id, stageId: t.stages.Demo!.id, position: 99, version: 2 });
    expect(await column()).toEqual(["C", "B", "M", "A"]);
  });

  test("a drop at or past the end of a column lands after its last card", async () => {
    const t = await team();
    const org = t.organization.id;
    for (const [title, position] of [["first", 10], ["second", 20], ["third", 30]] as const) {
      await createDeal(prisma, { organizationId: org, stage: "Demo", title, position });
    }
    const caller = await t.as(t.owner);
    const a = await createDeal(prisma, { organizationId: org, stage: "Proposal", title: "dropped at 3" });
    const b = await createDeal(prisma, { organizationId: org, stage: "Proposal", title: "dropped at 99" });
    await caller.deal.move({ dealId: a.id, stageId: t.stages.Demo!.id, position: 3, version: 1 });
    await caller.deal.move({ dealId: b.id, stageId: t.stages.Demo!.id, position: 99, version: 1 });
    const column = (await caller.deal.board({})).columns.find((c) => c.id === t.stages.Demo!.id)!;
    expect(column.deals.map((d) => d.title)).toEqual(["first", "second", "third", "dropped at 3", "dropped at 99"]);
  });

  test("many drops between the same two cards still keep a strict order", async () => {
    const t = await team();
    const caller = await t.as(t.owner);
    const top = await caller.deal.create({ title: "bottom", value: "1", stageId: t.stages.Demo!.id });
    await caller.deal.create({ title: "top", value: "1", stageId: t.stages.Demo!.id });
    void top;
    const titles: string[] = [];
    for (let i = 0; i < 60; i += 1) {
      const deal = await caller.deal.create({ title: `n${i}`, value: "1", stageId: t.stages.Proposal!.id });
      await caller.deal.move({ dealId: deal.id, stageId: t.stages.Demo!.id, position: 1, version: 1 });
      titles.unshift(`n${i}`);
    }
    const column = (await caller.deal.board({ pages: { [t.stages.Demo!.id]: 5 } })).columns.find((c) => c.id === t.stages.Demo!.id)!;
    expect(column.deals.map((d) => d.title)).toEqual(["top", ...titles, "bottom"]);
  });

  test("a move based on an old version is refused as a conflict and changes nothing", async () => {
    const t = await team();
    const first = await t.as(t.owner);
    const second = await t.as(t.manager.user);
    const deal = await first.deal.create({ title: "Contested", value: "4999", stageId: t.stages.Demo!.id });

    await first.deal.move({ dealId: deal.id, stageId: t.stages.Proposal!.id, version: 1 });
    const error = await expectTRPCError(
      second.deal.move({ dealId: deal.id, stageId: t.stages.Lost!.id, version: 1 }),
      "CONFLICT",
      /^Changed by .+ at .* IST — reload to see their changes\.$/,
    );
    expect(error.message).toMatch(/\d{4}/);
    expect(await row(deal.id)).toMatchObject({ stageId: t.stages.Proposal!.id, probability: 50, version: 2, closedAt: null });
  });
});

describe("deal.update", () => {
  async function withDeal() {
    const t = await team();
    const caller = await t.as(t.owner);
    const deal = await caller.deal.create({
      title: "Lifetime access",
      value: "24,999",
      stageId: t.stages.Demo!.id,
      probability: 35,
    });
    const form = { dealId: deal.id, version: 1, title: "Lifetime access", value: "24999", stageId: t.stages.Demo!.id };
    return { ...t, caller, deal, form };
  }

  test("saves the form; an empty probability keeps the current one while the stage stays", async () => {
    const t = await withDeal();
    const saved = await t.caller.deal.update({ ...t.form, title: "Lifetime access (2 seats)", value: "49,998" });
    expect(saved).toMatchObject({ title: "Lifetime access (2 seats)", valuePaise: "4999800", probability: 35, version: 2 });
  });

  test("changing the stage without a probability takes the new stage's default", async () => {
    const t = await withDeal();
    const saved = await t.caller.deal.update({ ...t.form, stageId: t.stages.Negotiation!.id });
    expect(saved).toMatchObject({ stageId: t.stages.Negotiation!.id, probability: 75 });
  });

  test("changing the stage with an explicit probability keeps the explicit one; Won sets closedAt", async () => {
    const t = await withDeal();
    const saved = await t.caller.deal.update({ ...t.form, stageId: t.stages.Negotiation!.id, probability: 60 });
    expect(saved.probability).toBe(60);
    const won = await t.caller.deal.update({ ...t.form, version: 2, stageId: t.stages.Won!.id });
    expect(won.probability).toBe(100);
    expect(won.closedAt).not.toBeNull();
  });

  test("left-out links are cleared (the form is saved whole)", async () => {
    const t = await team();
    const contact = await createContact(prisma, { organizationId: t.organization.id });
    const caller = await t.as(t.owner);
    const deal = await caller.deal.create({ title: "X", value: "1", stageId: t.stages.Demo!.id, contactId: contact.id, ownerId: t.owner.id });
    const saved = await caller.deal.update({ dealId: deal.id, version: 1, title: "X", value: "1", stageId: t.stages.Demo!.id });
    expect(saved).toMatchObject({ contact: null, company: null, owner: null });
  });

  test("two people editing: the second save is refused with 'changed by … reload', the first one stays", async () => {
    const t = await withDeal();
    const other = await t.as(t.manager.user);
    await t.caller.deal.update({ ...t.form, title: "First save" });
    await expectTRPCError(other.deal.update({ ...t.form, title: "Second save" }), "CONFLICT", /^Changed by Test User at .* reload/);
    expect(await row(t.deal.id)).toMatchObject({ title: "First save", version: 2 });
  });

  test("an unknown deal is NOT_FOUND", async () => {
    const t = await withDeal();
    await expectTRPCError(
      t.caller.deal.update({ ...t.form, dealId: "00000000-0000-4000-8000-000000000000" }),
      "NOT_FOUND",
    );
  });
});

describe("who may change which deal", () => {
  test("an AGENT changes their own and unassigned deals, not a colleague's; a MANAGER changes any", async () => {
    const t = await team();
    const mine = await createDeal(prisma, { organizationId: t.organization.id, ownerId: t.agent.user.id, stage: "Demo" });
    const nobodys = await createDeal(prisma, { organizationId: t.organization.id, stage: "Demo" });
    const theirs = await createDeal(prisma, { organizationId: t.organization.id, ownerId: t.otherAgent.user.id, stage: "Demo" });
    const agent = await t.as(t.agent.user);

    await agent.deal.move({ dealId: mine.id, stageId: t.stages.Proposal!.id, version: 1 });
    await agent.deal.move({ dealId: nobodys.id, stageId: t.stages.Proposal!.id, version: 1 });
    await expectTRPCError(agent.deal.move({ dealId: theirs.id, stageId: t.stages.Proposal!.id, version: 1 }), "FORBIDDEN");
    await expectTRPCError(
      agent.deal.update({ dealId: theirs.id, version: 1, title: "Mine now", value: "1", stageId: t.stages.Demo!.id }),
      "FORBIDDEN",
    );
    expect(await row(theirs.id)).toMatchObject({ stageId: t.stages.Demo!.id, version: 1 });

    const manager = await t.as(t.manager.user);
    await manager.deal.move({ dealId: theirs.id, stageId: t.stages.Won!.id, version: 1 });
    expect((await row(theirs.id)).stageId).toBe(t.stages.Won!.id);
  });

  test("a VIEWER reads the board but changes nothing", async () => {
    const t = await team();
    const deal = await createDeal(prisma, { organizationId: t.organization.id, stage: "Demo" });
    const viewer = await t.as(t.viewer.user);
    expect((await viewer.deal.board({})).columns).toHaveLength(6);
    expect(await viewer.deal.get({ dealId: deal.id })).toMatchObject({ id: deal.id });
    await expectTRPCError(viewer.deal.move({ dealId: deal.id, stageId: t.stages.Won!.id, version: 1 }), "FORBIDDEN");
    await expectTRPCError(
      viewer.deal.update({ dealId: deal.id, version: 1, title: "X", value: "1", stageId: t.stages.Demo!.id }),
      "FORBIDDEN",
    );
    await expectTRPCError(viewer.deal.delete({ dealId: deal.id }), "FORBIDDEN");
    expect(await row(deal.id)).toMatchObject({ stageId: t.stages.Demo!.id, version: 1 });
  });

  test("only MANAGERs and above delete deals", async () => {
    const t = await team();
    const deal = await createDeal(prisma, { organizationId: t.organization.id, ownerId: t.agent.user.id });
    await expectTRPCError((await t.as(t.agent.user)).deal.delete({ dealId: deal.id }), "FORBIDDEN");
    expect(await prisma.deal.count({ where: { id: deal.id } })).toBe(1);
    expect(await (await t.as(t.manager.user)).deal.delete({ dealId: deal.id })).toEqual({ dealId: deal.id });
    expect(await prisma.deal.count({ where: { id: deal.id } })).toBe(0);
    await expectTRPCError((await t.as(t.manager.user)).deal.delete({ dealId: deal.id }), "NOT_FOUND");
  });
});

describe("deal.board: totals and the weighted forecast", () => {
  test("per column: count, total and Σ value × probability / 100, and the forecast over open columns", async () => {
    const t = await team();
    const org = t.organization.id;
    // Demo: ₹4,999 at 25% + ₹2,49,999 at 40% → 1,24,975 + 99,99,960 paise.
    await createDeal(prisma, { organizationId: org, stage: "Demo", valuePaise: 499_900 });
    await createDeal(prisma, { organizationId: org, stage: "Demo", valuePaise: 24_999_900, probability: 40 });
    // Proposal: ₹7,999 at 50%.
    await createDeal(prisma, { organizationId: org, stage: "Proposal", valuePaise: 799_900 });
    // Won this month and long ago; Lost.
    await createDeal(prisma, { organizationId: org, stage: "Won", valuePaise: 1_249_900, closedAt: new Date() });
    await createDeal(prisma, { organizationId: org, stage: "Won", valuePaise: 999_900, closedAt: new Date("2020-01-15T00:00:00Z") });
    await createDeal(prisma, { organizationId: org, stage: "Lost", valuePaise: 300_000 });

    const board = await (await t.as(t.viewer.user)).deal.board({});
    const byName = Object.fromEntries(board.columns.map((column) => [column.name, column]));

    expect(byName.Qualification).toMatchObject({ count: 0, totalPaise: "0", weightedPaise: "0", deals: [] });
    expect(byName.Demo).toMatchObject({ count: 2, totalPaise: "25499800", weightedPaise: String(124_975 + 9_999_960) });
    expect(byName.Proposal).toMatchObject({ count: 1, totalPaise: "799900", weightedPaise: "399950" });
    expect(byName.Won).toMatchObject({ count: 2, totalPaise: "2249800", weightedPaise: "2249800" });
    expect(byName.Lost).toMatchObject({ count: 1, totalPaise: "300000", weightedPaise: "0" });
    expect(board.forecast).toEqual({
      openCount: 3,
      openPaise: String(25_499_800 + 799_900),
      weightedPaise: String(124_975 + 9_999_960 + 399_950),
      wonThisMonthCount: 1,
      wonThisMonthPaise: "1249900",
    });
  });

  test("weighted values are exact integer paise, rounded half up once per column", async () => {
    const t = await team();
    const org = t.organization.id;
    // 1 paisa at 50% = 0.5 → 1; three of 1 paisa at 33% = 0.99 → 1 (not 3 × 0); 99 paise at 1% = 0.99 → 1.
    await createDeal(prisma, { organizationId: org, stage: "Qualification", valuePaise: 1, probability: 50 });
    for (let i = 0; i < 3; i += 1) await createDeal(prisma, { organizationId: org, stage: "Demo", valuePaise: 1, probability: 33 });
    await createDeal(prisma, { organizationId: org, stage: "Proposal", valuePaise: 99, probability: 1 });
    // Values near ₹100 crore at 99% stay exact (no float rounding): 10^11 × 99 / 100.
    await createDeal(prisma, { organizationId: org, stage: "Negotiation", valuePaise: 100_000_000_000n, probability: 99 });
    await createDeal(prisma, { organizationId: org, stage: "Negotiation", valuePaise: 99_999_999_999n, probability: 99 });

    const board = await (await t.as(t.owner)).deal.board({});
    const weighted = Object.fromEntries(board.columns.map((column) => [column.name, column.weightedPaise]));
    expect(weighted).toMatchObject({
      Qualification: "1",
      Demo: "1",
      Proposal: "1",
      // (10^11 + 99,999,999,999) × 99 / 100 = 197,999,999,999.01 → 197,999,999,999
      Negotiation: "197999999999",
    });
    expect(board.forecast.weightedPaise).toBe(String(1 + 1 + 1 + 197_999_999_999));
    expect(board.forecast.openPaise).toBe(String(1 + 3 + 99 + 199_999_999_999));
  });

  test("columns page: 20 cards, 'show more' adds 20; counts and totals cover every deal", async () => {
    const t = await team();
    for (let i = 0; i < 45; i += 1) {
      await createDeal(prisma, { organizationId: t.organization.id, stage: "Demo", valuePaise: 100, position: i });
    }
    const caller = await t.as(t.owner);
    const demoId = t.stages.Demo!.id;
    const first = (await caller.deal.board({})).columns.find((c) => c.id === demoId)!;
    expect(first).toMatchObject({ count: 45, totalPaise: "4500", pages: 1, hasMore: true });
    expect(first.deals).toHaveLength(20);
    const second = (await caller.deal.board({ pages: { [demoId]: 2 } })).columns.find((c) => c.id === demoId)!;
    expect(second.deals).toHaveLength(40);
    expect(second.hasMore).toBe(true);
    const third = (await caller.deal.board({ pages: { [demoId]: 3 } })).columns.find((c) => c.id === demoId)!;
    expect(third.deals).toHaveLength(45);
    expect(third.hasMore).toBe(false);
  });

  test("moving a deal updates both columns' totals and the forecast", async () => {
    const t = await team();
    const caller = await t.as(t.owner);
    const deal = await caller.deal.create({ title: "Mover", value: "10,000", stageId: t.stages.Qualification!.id });
    let board = await caller.deal.board({});
    expect(board.forecast.weightedPaise).toBe("100000");
    await caller.deal.move({ dealId: deal.id, stageId: t.stages.Negotiation!.id, version: 1 });
    board = await caller.deal.board({});
    const byName = Object.fromEntries(board.columns.map((column) => [column.name, column]));
    expect(byName.Qualification).toMatchObject({ count: 0, totalPaise: "0" });
    expect(byName.Negotiation).toMatchObject({ count: 1, totalPaise: "1000000", weightedPaise: "750000" });
    expect(board.forecast.weightedPaise).toBe("750000");
    await caller.deal.move({ dealId: deal.id, stageId: t.stages.Won!.id, version: 2 });
    board = await caller.deal.board({});
    expect(board.forecast).toMatchObject({ openCount: 0, weightedPaise: "0", wonThisMonthPaise: "1000000" });
  });
});

describe("deal.list, deal.get, deal.formOptions", () => {
  test("the table view pages and sorts, and filters by stage", async () => {
    const t = await team();
    const org = t.organization.id;
    await createDeal(prisma, { organizationId: org, stage: "Demo", title: "b", valuePaise: 300 });
    await createDeal(prisma, { organizationId: org, stage: "Proposal", title: "a", valuePaise: 100 });
    await createDeal(prisma, { organizationId: org, stage: "Demo", title: "c", valuePaise: 200 });
    const caller = await t.as(t.viewer.user);
    expect((await caller.deal.list({ sort: "title" })).deals.map((d) => d.title)).toEqual(["a", "b", "c"]);
    expect((await caller.deal.list({ sort: "value" })).deals.map((d) => d.title)).toEqual(["b", "c", "a"]);
    const demo = await caller.deal.list({ stageId: t.stages.Demo!.id, sort: "title" });
    expect(demo).toMatchObject({ total: 2, page: 1, pageCount: 1 });
    expect(demo.deals.map((d) => [d.title, d.stage.name])).toEqual([
      ["b", "Demo"],
      ["c", "Demo"],
    ]);
  });

  test("the form offers this organization's stages, companies, members and matching contacts", async () => {
    const t = await team();
    const priya = await createContact(prisma, { organizationId: t.organization.id, name: "Priya Iyer" });
    await createContact(prisma, { organizationId: t.organization.id, name: "Rahul Mehta" });
    await createCompany(prisma, { organizationId: t.organization.id, name: "Zerodha Varsity Club" });
    const caller = await t.as(t.agent.user);
    const options = await caller.deal.formOptions({ contactQ: "pri" });
    expect(options.stages.map((s) => s.name)).toHaveLength(6);
    expect(options.companies.map((c) => c.name)).toEqual(["Zerodha Varsity Club"]);
    expect(options.members).toHaveLength(5);
    expect(options.contacts.map((c) => c.name)).toEqual(["Priya Iyer"]);
    // The chosen contact is always offered, even when the search doesn't match it.
    const chosen = await caller.deal.formOptions({ contactQ: "rahul", contactId: priya.id });
    expect(chosen.contacts.map((c) => c.name)).toEqual(["Priya Iyer", "Rahul Mehta"]);
  });
});
