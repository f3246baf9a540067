// A deal's history: who saved it last (named when a stale save is refused), and
// what each write puts on the linked contact's timeline — and on nobody's when
// the deal has no contact or belongs to another organization.
import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { callerFor, expectTRPCError } from "~/testing/caller";
import { liveEventHub } from "~/services/live-events.server";
import { describeEvent, type TimelineEvent } from "~/components/contact/timeline-text";
import type { LiveEvent } from "~/utils/live-event";
import { addMember, createContact, createOrganization } from "../../../../prisma/factories";
import { createCompany, createDeal, stagesByName } from "../../../../prisma/factories-deals";

async function team() {
  const { organization, owner } = await createOrganization(prisma, { owner: { name: "Meera Nair" } });
  const [manager, agent] = await Promise.all([
    addMember(prisma, { organizationId: organization.id, role: "MANAGER", user: { name: "Rohit Verma" } }),
    addMember(prisma, { organizationId: organization.id, role: "AGENT", user: { name: "Aisha Khan" } }),
  ]);
  const stages = await stagesByName(prisma, organization.id);
  const as = async (user: { id: string }) => (await callerFor(user, { organizationId: organization.id })).caller;
  const contact = (name: string) => createContact(prisma, { organizationId: organization.id, name });
  return { organization, owner, manager, agent, stages, as, contact };
}

/** A second organization with a deal and a contact of its own, to prove nothing lands there. */
async function bystander() {
  const other = await createOrganization(prisma, { name: "Bystanders" });
  const contact = await createContact(prisma, { organizationId: other.organization.id, name: "Other Org Contact" });
  await createDeal(prisma, { organizationId: other.organization.id, contactId: contact.id, title: "Other Org Deal" });
  return {
    events: () => prisma.contactEvent.findMany({ where: { organizationId: other.organization.id } }),
    deals: () => prisma.deal.findMany({ where: { organizationId: other.organization.id } }),
  };
}

function timelineOf(contactId: string) {
  return prisma.contactEvent.findMany({ where: { contactId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}

async function eventsOf(contactId: string, type: string) {
  return (await timelineOf(contactId)).filter((event) => event.type === type);
}

/** How a timeline shows the contact's latest event of `type`. */
async function shown(contactId: string, type: string) {
  const [event] = await prisma.contactEvent.findMany({
    where: { contactId, type },
    include: { actor: { select: { id: true, name: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 1,
  });
  if (!event) throw new Error(`no ${type} event on ${contactId}`);
  return describeEvent({ ...event, data: event.data as TimelineEvent["data"] });
}

const row = (id: string) => prisma.deal.findUniqueOrThrow({ where: { id } });

describe("who saved a deal last", () => {
  test("create, edit and move record the person who wrote it", async () => {
    const t = await team();
    const deal = await (await t.as(t.agent.user)).deal.create({ title: "Nifty Trend Rider", value: "4,999", stageId: t.stages.Demo!.id });
    expect((await row(deal.id)).updatedById).toBe(t.agent.user.id);

    await (await t.as(t.manager.user)).deal.update({ dealId: deal.id, version: 1, title: "Nifty Trend Rider", value: "5,999", stageId: t.stages.Demo!.id });
    expect((await row(deal.id)).updatedById).toBe(t.manager.user.id);

    await (await t.as(t.owner)).deal.move({ dealId: deal.id, stageId: t.stages.Proposal!.id, version: 2 });
    expect((await row(deal.id)).updatedById).toBe(t.owner.id);

    // Reordering within a column is a write too.
    await (await t.as(t.agent.user)).deal.move({ dealId: deal.id, stageId: t.stages.Proposal!.id, position: 0, version: 3 });
    expect(await row(deal.id)).toMatchObject({ updatedById: t.agent.user.id, version: 4 });
  });

  test("a stale edit is refused with 'Changed by <name> at <time> IST — reload', like a contact's", async () => {
    const t = await team();
    const agent = await t.as(t.agent.user);
    const manager = await t.as(t.manager.user);
    const deal = await agent.deal.create({ title: "Lifetime access", value: "24,999", stageId: t.stages.Demo!.id });
    const form = { dealId: deal.id, version: 1, title: "Lifetime access", value: "24999", stageId: t.stages.Demo!.id };

    await manager.deal.update({ ...form, title: "Lifetime access (2 seats)" });
    const error = await expectTRPCError(
      agent.deal.update({ ...form, title: "Lifetime access (team)" }),
      "CONFLICT",
      /^Changed by Rohit Verma at \d{1,2} \w{3} \d{4}, .+ IST — reload to see their changes\.$/,
    );
    const saved = await row(deal.id);
    expect(error.message).toContain(new Intl.DateTimeFormat("en-IN", { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Kolkata" }).format(saved.updatedAt));
    expect(saved).toMatchObject({ title: "Lifetime access (2 seats)", version: 2, updatedById: t.manager.user.id });
  });

  test("a stale move on the board names the person too, and changes nothing", async () => {
    const t = await team();
    const deal = await (await t.as(t.owner)).deal.create({ title: "Contested", value: "4999", stageId: t.stages.Demo!.id });
    await (await t.as(t.agent.user)).deal.move({ dealId: deal.id, stageId: t.stages.Proposal!.id, version: 1 });
    await expectTRPCError(
      (await t.as(t.manager.user)).deal.move({ dealId: deal.id, stageId: t.stages.Lost!.id, version: 1 }),
      "CONFLICT",
      /^Changed by Aisha Khan at .+ IST — reload/,
    );
    expect(await row(deal.id)).toMatchObject({ stageId: t.stages.Proposal!.id, version: 2 });
  });

  test("when the person who saved it has left (account deleted), the message says 'someone else'", async () => {
    const t = await team();
    const leaver = await addMember(prisma, { organizationId: t.organization.id, role: "AGENT", user: { name: "Gone Person" } });
    const deal = await (await t.as(t.owner)).deal.create({ title: "Orphaned edit", value: "1", stageId: t.stages.Demo!.id });
    await (await t.as(leaver.user)).deal.move({ dealId: deal.id, stageId: t.stages.Proposal!.id, version: 1 });
    await prisma.user.delete({ where: { id: leaver.user.id } });
    expect((await row(deal.id)).updatedById).toBeNull();
    await expectTRPCError(
      (await t.as(t.owner)).deal.move({ dealId: deal.id, stageId: t.stages.Won!.id, version: 1 }),
      "CONFLICT",
      /^Changed by someone else at /,
    );
  });

  test("the deal page's data says who saved it last", async () => {
    const t = await team();
    const deal = await (await t.as(t.agent.user)).deal.create({ title: "X", value: "1", stageId: t.stages.Demo!.id });
    expect(await (await t.as(t.owner)).deal.get({ dealId: deal.id })).toMatchObject({
      updatedBy: { id: t.agent.user.id, name: "Aisha Khan" },
    });
  });
});

describe("deal writes on the linked contact's timeline", () => {
  test("create: DEAL_CREATED with value, stage and who", async () => {
    const t = await team();
    const priya = await t.contact("Priya Sharma");
    const others = await bystander();
    const deal = await (await t.as(t.agent.user)).deal.create({
      title: "Sensex Swing Suite",
      value: "12,499",
      stageId: t.stages.Demo!.id,
      contactId: priya.id,
    });
    expect(await timelineOf(priya.id)).toEqual([
      expect.objectContaining({
        organizationId: t.organization.id,
        type: "DEAL_CREATED",
        actorId: t.agent.user.id,
        data: { dealId: deal.id, title: "Sensex Swing Suite", valuePaise: "1249900", stage: "Demo", probability: 25 },
      }),
    ]);
    expect(await shown(priya.id, "DEAL_CREATED")).toMatchObject({
      title: "Aisha Khan created the deal Sensex Swing Suite",
      details: ["₹12,499 · Demo · 25%"],
      link: { href: `/deals/${deal.id}`, label: "Open deal" },
    });
    expect(await others.events()).toHaveLength(0);
  });

  test("edit: DEAL_UPDATED lists each changed field with before and after", async () => {
    const t = await team();
    const priya = await t.contact("Priya Sharma");
    const company = await createCompany(prisma, { organizationId: t.organization.id, name: "Dalal Street Academy" });
    const others = await bystander();
    const owner = await t.as(t.owner);
    const deal = await owner.deal.create({
      title: "Lifetime access",
      value: "24,999",
      stageId: t.stages.Demo!.id,
      contactId: priya.id,
      probability: 30,
    });
    await (await t.as(t.manager.user)).deal.update({
      dealId: deal.id,
      version: 1,
      title: "Lifetime access (2 seats)",
      value: "49,998",
      stageId: t.stages.Demo!.id,
      contactId: priya.id,
      companyId: company.id,
      ownerId: t.agent.user.id,
      expectedCloseDate: "2026-12-31",
      probability: 40,
    });

    const [updated] = await eventsOf(priya.id, "DEAL_UPDATED");
    expect(updated).toMatchObject({
      actorId: t.manager.user.id,
      data: {
        dealId: deal.id,
        title: "Lifetime access (2 seats)",
        changes: [
          { field: "title", before: "Lifetime access", after: "Lifetime access (2 seats)" },
          { field: "value", before: "2499900", after: "4999800" },
          { field: "probability", before: 30, after: 40 },
          { field: "expectedCloseDate", before: null, after: "2026-12-31" },
          { field: "company", before: null, after: "Dalal Street Academy" },
          { field: "owner", before: null, after: "Aisha Khan" },
        ],
      },
    });
    expect(await shown(priya.id, "DEAL_UPDATED")).toMatchObject({
      title: "Rohit Verma edited the deal Lifetime access (2 seats): title, value, probability, expected close, company, owner",
      details: [
        "Title: Lifetime access → Lifetime access (2 seats)",
        "Value: ₹24,999 → ₹49,998",
        "Probability: 30% → 40%",
        "Expected close: — → 31 Dec 2026",
        "Company: — → Dalal Street Academy",
        "Owner: — → Aisha Khan",
      ],
    });
    // No stage change, no stage event.
    expect((await timelineOf(priya.id)).map((event) => event.type)).toEqual(["DEAL_CREATED", "DEAL_UPDATED"]);
    expect(await others.events()).toHaveLength(0);
  });

  test("an edit that changes the stage gives a stage event (with the probability), not a field change", async () => {
    const t = await team();
    const priya = await t.contact("Priya Sharma");
    const caller = await t.as(t.owner);
    const deal = await caller.deal.create({ title: "Scalper Pro", value: "7,999", stageId: t.stages.Demo!.id, contactId: priya.id });
    await caller.deal.update({ dealId: deal.id, version: 1, title: "Scalper Pro", value: "7,999", stageId: t.stages.Negotiation!.id, contactId: priya.id });
    expect((await timelineOf(priya.id)).map((event) => event.type)).toEqual(["DEAL_CREATED", "DEAL_STAGE_CHANGED"]);
    expect((await eventsOf(priya.id, "DEAL_STAGE_CHANGED"))[0]!.data).toMatchObject({
      before: "Demo",
      after: "Negotiation",
      probability: { before: 25, after: 75 },
    });
    expect(await shown(priya.id, "DEAL_STAGE_CHANGED")).toMatchObject({
      title: "Meera Nair moved the deal Scalper Pro from Demo to Negotiation",
      details: ["Probability: 25% → 75%"],
    });
  });

  test("saving an unchanged form records nothing", async () => {
    const t = await team();
    const priya = await t.contact("Priya Sharma");
    const caller = await t.as(t.owner);
    const deal = await caller.deal.create({ title: "Same", value: "1", stageId: t.stages.Demo!.id, contactId: priya.id });
    await caller.deal.update({ dealId: deal.id, version: 1, title: "Same", value: "1", stageId: t.stages.Demo!.id, contactId: priya.id });
    expect((await timelineOf(priya.id)).map((event) => event.type)).toEqual(["DEAL_CREATED"]);
  });

  test("moves on the board: stage changes, won (with value), lost, reopened; reordering records nothing", async () => {
    const t = await team();
    const priya = await t.contact("Priya Sharma");
    const others = await bystander();
    const agent = await t.as(t.agent.user);
    const deal = await agent.deal.create({ title: "BankNifty Pro", value: "7,999", stageId: t.stages.Qualification!.id, contactId: priya.id });

    await agent.deal.move({ dealId: deal.id, stageId: t.stages.Proposal!.id, version: 1 });
    await agent.deal.move({ dealId: deal.id, stageId: t.stages.Proposal!.id, position: 0, version: 2 });
    await agent.deal.move({ dealId: deal.id, stageId: t.stages.Won!.id, version: 3 });
    await agent.deal.move({ dealId: deal.id, stageId: t.stages.Lost!.id, version: 4 });
    await agent.deal.move({ dealId: deal.id, stageId: t.stages.Demo!.id, version: 5 });

    const timeline = await timelineOf(priya.id);
    expect(timeline.map((event) => [event.type, event.actorId])).toEqual([
      ["DEAL_CREATED", t.agent.user.id],
      ["DEAL_STAGE_CHANGED", t.agent.user.id],
      ["DEAL_WON", t.agent.user.id],
      ["DEAL_LOST", t.agent.user.id],
      ["DEAL_STAGE_CHANGED", t.agent.user.id],
    ]);
    expect(timeline.slice(1).map((event) => event.data)).toEqual([
      expect.objectContaining({ dealId: deal.id, before: "Qualification", after: "Proposal", reopened: false }),
      expect.objectContaining({ before: "Proposal", after: "Won", valuePaise: "799900" }),
      expect.objectContaining({ before: "Won", after: "Lost" }),
      expect.objectContaining({ before: "Lost", after: "Demo", reopened: true }),
    ]);
    expect((await shown(priya.id, "DEAL_WON")).title).toBe("Aisha Khan marked the deal BankNifty Pro won (₹7,999)");
    expect(await shown(priya.id, "DEAL_LOST")).toMatchObject({
      title: "Aisha Khan marked the deal BankNifty Pro lost",
      details: ["Stage: Won → Lost"],
    });
    expect((await shown(priya.id, "DEAL_STAGE_CHANGED")).title).toBe("Aisha Khan reopened the deal BankNifty Pro in Demo");
    expect(await others.events()).toHaveLength(0);
  });

  test("changing the deal's contact: the old contact sees it unlinked, the new one linked", async () => {
    const t = await team();
    const priya = await t.contact("Priya Sharma");
    const rahul = await t.contact("Rahul Mehta");
    const caller = await t.as(t.owner);
    const deal = await caller.deal.create({ title: "Academy licence", value: "1,24,999", stageId: t.stages.Demo!.id, contactId: priya.id });
    const form = { dealId: deal.id, title: "Academy licence", value: "124999", stageId: t.stages.Demo!.id };

    await caller.deal.update({ ...form, version: 1, contactId: rahul.id });
    expect((await timelineOf(priya.id)).map((event) => event.type)).toEqual(["DEAL_CREATED", "DEAL_UNLINKED"]);
    expect((await eventsOf(priya.id, "DEAL_UNLINKED"))[0]!.data).toMatchObject({
      dealId: deal.id,
      contact: { id: priya.id, name: "Priya Sharma" },
      to: { id: rahul.id, name: "Rahul Mehta" },
    });
    expect(await shown(priya.id, "DEAL_UNLINKED")).toMatchObject({
      title: "Meera Nair unlinked the deal Academy licence from Priya Sharma",
      details: ["Now linked to Rahul Mehta"],
    });
    expect((await timelineOf(rahul.id)).map((event) => event.type)).toEqual(["DEAL_LINKED"]);
    expect(await shown(rahul.id, "DEAL_LINKED")).toMatchObject({
      title: "Meera Nair linked the deal Academy licence to Rahul Mehta",
      details: ["₹1,24,999 · Demo · 25%", "Moved from Priya Sharma"],
    });

    // Later changes go to the new contact only.
    await caller.deal.move({ dealId: deal.id, stageId: t.stages.Won!.id, version: 2 });
    expect((await timelineOf(rahul.id)).map((event) => event.type)).toEqual(["DEAL_LINKED", "DEAL_WON"]);
    expect(await timelineOf(priya.id)).toHaveLength(2);

    // Unlinked altogether: Rahul is told; nobody else hears of it again.
    await caller.deal.update({ ...form, version: 3, stageId: t.stages.Won!.id });
    expect((await timelineOf(rahul.id)).map((event) => event.type)).toEqual(["DEAL_LINKED", "DEAL_WON", "DEAL_UNLINKED"]);
    expect((await eventsOf(rahul.id, "DEAL_UNLINKED"))[0]!.data).toMatchObject({ to: null });
    await caller.deal.move({ dealId: deal.id, stageId: t.stages.Lost!.id, version: 4 });
    expect(await prisma.contactEvent.count({ where: { organizationId: t.organization.id } })).toBe(5);

    // Linked again from none.
    await caller.deal.update({ ...form, version: 5, stageId: t.stages.Lost!.id, contactId: priya.id });
    expect((await eventsOf(priya.id, "DEAL_LINKED"))[0]!.data).toMatchObject({ from: null, stage: "Lost" });
  });

  test("delete: DEAL_DELETED on the contact's timeline says what was deleted", async () => {
    const t = await team();
    const priya = await t.contact("Priya Sharma");
    const others = await bystander();
    const deal = await (await t.as(t.owner)).deal.create({ title: "Short-lived", value: "4,999", stageId: t.stages.Proposal!.id, contactId: priya.id });
    await (await t.as(t.manager.user)).deal.delete({ dealId: deal.id });
    const [deleted] = await eventsOf(priya.id, "DEAL_DELETED");
    expect(deleted).toMatchObject({ actorId: t.manager.user.id, data: { dealId: deal.id, title: "Short-lived", stage: "Proposal" } });
    expect(await shown(priya.id, "DEAL_DELETED")).toMatchObject({
      title: "Rohit Verma deleted the deal Short-lived",
      details: ["Was ₹4,999 · Proposal · 50%"],
    });
    expect((await shown(priya.id, "DEAL_DELETED")).link).toBeUndefined();
    expect(await others.events()).toHaveLength(0);
  });

  test("a deal without a contact records nothing on any timeline, whatever happens to it", async () => {
    const t = await team();
    await t.contact("Bystander in the same organization");
    const caller = await t.as(t.owner);
    const deal = await caller.deal.create({ title: "Walk-in", value: "4999", stageId: t.stages.Demo!.id });
    await caller.deal.update({ dealId: deal.id, version: 1, title: "Walk-in (paid)", value: "5999", stageId: t.stages.Demo!.id });
    await caller.deal.move({ dealId: deal.id, stageId: t.stages.Won!.id, version: 2 });
    await caller.deal.delete({ dealId: deal.id });
    expect(await prisma.contactEvent.count({ where: { organizationId: t.organization.id } })).toBe(0);
  });

  test("refused writes record nothing: bad input, a stale version, a role that may not", async () => {
    const t = await team();
    const priya = await t.contact("Priya Sharma");
    const caller = await t.as(t.owner);
    const deal = await caller.deal.create({ title: "Guarded", value: "4,999", stageId: t.stages.Demo!.id, contactId: priya.id });
    const form = { dealId: deal.id, version: 1, title: "Guarded", value: "4999", stageId: t.stages.Demo!.id, contactId: priya.id };

    for (const [input, field] of [
      [{ ...form, title: "" }, "title"],
      [{ ...form, value: "12.345" }, "value"],
      [{ ...form, probability: 101 }, "probability"],
      [{ ...form, contactId: "not-a-contact" }, "contactId"],
      [{ ...form, version: "soon" }, "version"],
    ] as const) {
      const error = await expectTRPCError(caller.deal.update(input as never), "BAD_REQUEST");
      expect(JSON.stringify(error.cause), `${field} error`).toContain(field);
    }
    for (const [input, field] of [
      [{ dealId: deal.id, stageId: "nope", version: 1 }, "stageId"],
      [{ dealId: deal.id, stageId: t.stages.Won!.id, version: 1, position: -1 }, "position"],
      [{ dealId: "nope", stageId: t.stages.Won!.id, version: 1 }, "dealId"],
    ] as const) {
      const error = await expectTRPCError(caller.deal.move(input as never), "BAD_REQUEST");
      expect(JSON.stringify(error.cause), `${field} error`).toContain(field);
    }
    await expectTRPCError(caller.deal.move({ dealId: deal.id, stageId: t.stages.Won!.id, version: 7 }), "CONFLICT");
    const viewer = await addMember(prisma, { organizationId: t.organization.id, role: "VIEWER" });
    await expectTRPCError((await t.as(viewer.user)).deal.move({ dealId: deal.id, stageId: t.stages.Won!.id, version: 1 }), "FORBIDDEN");
    await expectTRPCError((await t.as(t.agent.user)).deal.delete({ dealId: deal.id }), "FORBIDDEN");

    expect((await timelineOf(priya.id)).map((event) => event.type)).toEqual(["DEAL_CREATED"]);
    expect(await row(deal.id)).toMatchObject({ version: 1, title: "Guarded", stageId: t.stages.Demo!.id, updatedById: t.owner.id });
  });

  test("open contact pages hear of it: contact.changed for every contact whose timeline changed", async () => {
    const t = await team();
    const priya = await t.contact("Priya Sharma");
    const rahul = await t.contact("Rahul Mehta");
    const caller = await t.as(t.owner);
    const deal = await caller.deal.create({ title: "Live", value: "1", stageId: t.stages.Demo!.id, contactId: priya.id });
    const events: LiveEvent[] = [];
    const unsubscribe = await liveEventHub().subscribe(t.organization.id, (event) => events.push(event));
    await caller.deal.update({ dealId: deal.id, version: 1, title: "Live", value: "1", stageId: t.stages.Demo!.id, contactId: rahul.id });
    await expect.poll(() => events).toContainEqual({ type: "contact.changed", contactIds: [priya.id, rahul.id] });
    await expect.poll(() => events).toContainEqual({ type: "deal.changed", dealId: deal.id });
    await unsubscribe();
  });
});

describe("other writers of deals", () => {
  test("deleting a company: its deals are saved by the person deleting it, and their contacts' timelines say so", async () => {
    const t = await team();
    const priya = await t.contact("Priya Sharma");
    const company = await createCompany(prisma, { organizationId: t.organization.id, name: "Nifty Ninjas" });
    const linked = await createDeal(prisma, { organizationId: t.organization.id, companyId: company.id, contactId: priya.id, title: "Batch licence" });
    const alone = await createDeal(prisma, { organizationId: t.organization.id, companyId: company.id, title: "No contact" });

    await (await t.as(t.manager.user)).company.delete({ companyId: company.id });

    for (const deal of [linked, alone]) {
      expect(await row(deal.id)).toMatchObject({ companyId: null, version: 2, updatedById: t.manager.user.id });
    }
    expect(await eventsOf(priya.id, "DEAL_UPDATED")).toEqual([
      expect.objectContaining({
        actorId: t.manager.user.id,
        data: {
          dealId: linked.id,
          title: "Batch licence",
          changes: [{ field: "company", before: "Nifty Ninjas", after: null }],
          reason: "Company deleted",
        },
      }),
    ]);
    expect((await shown(priya.id, "DEAL_UPDATED")).details).toEqual(["Company: Nifty Ninjas → —", "Company deleted"]);
    // A stale deal form then names who changed it.
    await expectTRPCError(
      (await t.as(t.owner)).deal.move({ dealId: alone.id, stageId: t.stages.Won!.id, version: 1 }),
      "CONFLICT",
      /^Changed by Rohit Verma at /,
    );
  });

  test("merging contacts moves their deals as a new version saved by whoever merged", async () => {
    const t = await team();
    const survivor = await t.contact("Priya Sharma");
    const duplicate = await t.contact("Priya S.");
    const deal = await createDeal(prisma, { organizationId: t.organization.id, contactId: duplicate.id, ownerId: t.agent.user.id });
    await (await t.as(t.manager.user)).contact.merge({ survivorId: survivor.id, duplicateId: duplicate.id });
    expect(await row(deal.id)).toMatchObject({ contactId: survivor.id, version: 2, updatedById: t.manager.user.id });
    // The agent's board still shows the version before the merge.
    await expectTRPCError(
      (await t.as(t.agent.user)).deal.move({ dealId: deal.id, stageId: t.stages.Won!.id, version: 1 }),
      "CONFLICT",
      /^Changed by Rohit Verma at /,
    );
    expect(await row(deal.id)).toMatchObject({ contactId: survivor.id, stageId: t.stages.Qualification!.id });
  });
});

describe("deal.history", () => {
  test("the deal's own events, newest first, across every contact it was linked to", async () => {
    const t = await team();
    const priya = await t.contact("Priya Sharma");
    const rahul = await t.contact("Rahul Mehta");
    const caller = await t.as(t.agent.user);
    const deal = await caller.deal.create({ title: "Traveller", value: "1", stageId: t.stages.Demo!.id, contactId: priya.id });
    const neighbour = await caller.deal.create({ title: "Neighbour", value: "1", stageId: t.stages.Demo!.id, contactId: priya.id });
    await caller.deal.move({ dealId: deal.id, stageId: t.stages.Proposal!.id, version: 1 });
    await caller.deal.update({ dealId: deal.id, version: 2, title: "Traveller", value: "1", stageId: t.stages.Proposal!.id, contactId: rahul.id });
    await caller.deal.move({ dealId: neighbour.id, stageId: t.stages.Won!.id, version: 1 });

    const history = await (await t.as(t.owner)).deal.history({ dealId: deal.id });
    expect(history.items.map((item) => item.type).sort()).toEqual(
      ["DEAL_CREATED", "DEAL_STAGE_CHANGED", "DEAL_UNLINKED", "DEAL_LINKED"].sort(),
    );
    expect(history.items.every((item) => item.data.dealId === deal.id)).toBe(true);
    expect(history.items.every((item) => item.actor?.name === "Aisha Khan")).toBe(true);
    expect(history.items.at(-1)!.type).toBe("DEAL_CREATED");
    const times = history.items.map((item) => item.createdAt.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  test("a deal without a contact has no history; an unknown deal is NOT_FOUND", async () => {
    const t = await team();
    const caller = await t.as(t.owner);
    const deal = await caller.deal.create({ title: "Alone", value: "1", stageId: t.stages.Demo!.id });
    await caller.deal.move({ dealId: deal.id, stageId: t.stages.Won!.id, version: 1 });
    expect(await caller.deal.history({ dealId: deal.id })).toEqual({ items: [] });
    await expectTRPCError(caller.deal.history({ dealId: "00000000-0000-4000-8000-000000000000" }), "NOT_FOUND");
    await expectTRPCError(caller.deal.history({ dealId: "not-a-deal" }), "BAD_REQUEST");
  });
});
