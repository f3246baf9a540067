// contacts.list / count / board / changeStage / filterOptions against a real
// database: each filter, search, sorting and paging, bad input, permissions
// and tenant isolation.
import { beforeAll, describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { callerFor, expectTRPCError, type TestCaller } from "~/testing/caller";
import type { ContactListInput } from "~/domain/contact/contact-filter.schema";
import { contactListSchema } from "~/domain/contact/contact-filter.schema";
import { parseListView, viewHref } from "~/domain/contact/list-view";
import { boardParamsToInput, boardSchema } from "~/trpc/routers/contacts/board.schema";
import { addMember, createOrganization, createTag } from "../../../../prisma/factories";
import { createListContact } from "../../../../prisma/factories-contact-list";
import { countContactsUpTo } from "~/models/contact-list.server";
import { parseLocalDateTime } from "~/utils/clock";

type World = Awaited<ReturnType<typeof buildWorld>>;
let world: World;
let owner: TestCaller;
let agent: TestCaller;
let viewer: TestCaller;
let manager: TestCaller;
let ownerB: TestCaller;

const ist = (text: string) => parseLocalDateTime(text, "Asia/Kolkata")!;

async function buildWorld() {
  const a = await createOrganization(prisma, { name: "Org A", owner: { name: "Priya Owner" } });
  const b = await createOrganization(prisma, { name: "Org B", owner: { name: "Bala Owner" } });
  const orgA = a.organization.id;
  const orgB = b.organization.id;
  const agentA = await addMember(prisma, { organizationId: orgA, role: "AGENT", user: { name: "Aisha Agent" } });
  const managerA = await addMember(prisma, { organizationId: orgA, role: "MANAGER", user: { name: "Manoj Manager" } });
  const viewerA = await addMember(prisma, { organizationId: orgA, role: "VIEWER", user: { name: "Vikas Viewer" } });
  const agentB = await addMember(prisma, { organizationId: orgB, role: "AGENT", user: { name: "Bobby Agent" } });

  const vip = await createTag(prisma, { organizationId: orgA, name: "vip", color: "emerald" });
  const beginner = await createTag(prisma, { organizationId: orgA, name: "beginner", color: "sky" });
  const vipB = await createTag(prisma, { organizationId: orgB, name: "vip" });
  const acme = await prisma.company.create({ data: { organizationId: orgA, name: "Acme Traders" } });
  const acmeB = await prisma.company.create({ data: { organizationId: orgB, name: "Acme Traders" } });
  await prisma.customFieldDefinition.create({ data: { organizationId: orgA, key: "city", label: "City", type: "TEXT" } });

  const ravi = await createListContact(prisma, {
    organizationId: orgA,
    name: "Ravi Kumar",
    phone: "+919876543210",
    email: "ravi.kumar@gmail.com",
    source: "WHATSAPP",
    stage: "INTERESTED",
    temperature: "HOT",
    score: 90,
    ownerId: agentA.user.id,
    companyId: acme.id,
    customFields: { city: "Pune" },
    lastActivityAt: ist("2026-11-20T10:00:00"),
    tagIds: [vip.id],
  });
  const ravindra = await createListContact(prisma, {
    organizationId: orgA,
    name: "ravindra Shah",
    phone: "+919812300000",
    source: "WEBSITE",
    stage: "NEW",
    temperature: "WARM",
    score: 50,
    ownerId: a.owner.id,
    // 23:30 IST on the 10th is still the 10th in India (18:00 UTC).
    lastActivityAt: ist("2026-11-10T23:30:00"),
  });
  await prisma.contactTag.create({
    data: { organizationId: orgA, contactId: ravindra.id, tagId: beginner.id, source: "AI", confidence: 0.82 },
  });
  const anita = await createListContact(prisma, {
    organizationId: orgA,
    name: "Anita Desai",
    phone: "+919000043210",
    email: "anita@yahoo.co.in",
    source: "SMS",
    stage: "ENGAGED",
    temperature: "COLD",
    score: 20,
    // 00:10 IST on the 11th is the 10th in UTC: it must count as the 11th.
    lastActivityAt: ist("2026-11-11T00:10:00"),
  });
  const mohan = await createListContact(prisma, {
    organizationId: orgA,
    name: "Mohan Lal",
    phone: "+918888812345",
    source: "RAZORPAY",
    stage: "CONVERTED",
    temperature: "HOT",
    score: 75,
    ownerId: managerA.user.id,
    customFields: { city: "Mumbai" },
    lastActivityAt: ist("2026-09-01T12:00:00"),
  });
  const zara = await createListContact(prisma, {
    organizationId: orgA,
    name: "Zara Khan",
    phone: "+917777712345",
    source: "IMPORT",
    stage: "CHURNED",
    temperature: "DEAD",
    score: 5,
    lastActivityAt: ist("2026-08-01T12:00:00"),
  });
  // 30 contacts with the same score, stage and temperature: paging must break ties.
  const ties = [];
  for (let i = 0; i < 30; i += 1) {
    ties.push(
      await createListContact(prisma, {
        organizationId: orgA,
        name: `Tie ${String(i).padStart(2, "0")}`,
        stage: "NEGOTIATION",
        temperature: "WARM",
        score: 60,
        ownerId: a.owner.id,
        source: "API",
        lastActivityAt: ist("2026-01-01T12:00:00"),
        createdAt: ist("2026-01-01T12:00:00"),
      }),
    );
  }

  // Organization B has look-alikes: the same phone and name, a tag called vip, a company called Acme.
  const raviB = await createListContact(prisma, {
    organizationId: orgB,
    name: "Ravi Kumar",
    phone: "+919876543210",
    email: "ravi.kumar@gmail.com",
    stage: "INTERESTED",
    temperature: "HOT",
    score: 99,
    ownerId: agentB.user.id,
    companyId: acmeB.id,
    customFields: { city: "Pune" },
    tagIds: [vipB.id],
  });
  const otherB = await createListContact(prisma, { organizationId: orgB, name: "Bina Secret", stage: "NEW", score: 40 });

  return {
    a,
    b,
    orgA,
    orgB,
    agentA,
    managerA,
    viewerA,
    agentB,
    vip,
    beginner,
    vipB,
    acme,
    acmeB,
    ravi,
    ravindra,
    anita,
    mohan,
    zara,
    ties,
    raviB,
    otherB,
  };
}

beforeAll(async () => {
  world = await buildWorld();
  owner = (await callerFor(world.a.owner, { organizationId: world.orgA })).caller;
  agent = (await callerFor(world.agentA.user, { organizationId: world.orgA })).caller;
  viewer = (await callerFor(world.viewerA.user, { organizationId: world.orgA })).caller;
  manager = (await callerFor(world.managerA.user, { organizationId: world.orgA })).caller;
  ownerB = (await callerFor(world.b.owner, { organizationId: world.orgB })).caller;
});

/** contacts.list with everything defaulted except what is given. */
function input(filter: Record<string, unknown> = {}, rest: Record<string, unknown> = {}): ContactListInput {
  return contactListSchema.parse({ filter, perPage: 100, ...rest });
}

async function names(caller: TestCaller, filter: Record<string, unknown>, rest: Record<string, unknown> = {}) {
  const result = await caller.contacts.list(input(filter, rest));
  return result.rows.map((row) => row.name).sort();
}

const ALL_A = 35;

describe("contacts.list filters", () => {
  test("no filter: every contact of the organization, with the total", async () => {
    const result = await owner.contacts.list(input());
    expect(result.total).toBe(ALL_A);
    expect(result.totalIsExact).toBe(true);
    expect(result.rows).toHaveLength(ALL_A);
    expect(result.page).toMatchObject({ page: 1, perPage: 100, pageCount: 1, from: 1, to: ALL_A, hasPrev: false, hasNext: false });
  });

  test("a row carries what the list shows", async () => {
    const result = await owner.contacts.list(input({ q: "Ravi K" }));
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]).toMatchObject({
      id: world.ravi.id,
      name: "Ravi Kumar",
      phone: "+919876543210",
      email: "ravi.kumar@gmail.com",
      stage: "INTERESTED",
      temperature: "HOT",
      score: 90,
      source: "WHATSAPP",
      ownerId: world.agentA.user.id,
      ownerName: "Aisha Agent",
      version: 1,
      tags: [{ id: world.vip.id, name: "vip", color: "emerald", source: "MANUAL", confidence: null }],
    });
    expect(result.rows[0]!.lastActivityAt).toEqual(ist("2026-11-20T10:00:00"));
    const ai = await owner.contacts.list(input({ q: "ravindra" }));
    expect(ai.rows[0]!.tags).toEqual([
      { id: world.beginner.id, name: "beginner", color: "sky", source: "AI", confidence: 0.82 },
    ]);
  });

  test("stage (one or several)", async () => {
    expect(await names(owner, { stage: ["INTERESTED"] })).toEqual(["Ravi Kumar"]);
    expect(await names(owner, { stage: ["NEW", "ENGAGED"] })).toEqual(["Anita Desai", "ravindra Shah"]);
  });

  test("temperature", async () => {
    expect(await names(owner, { temperature: ["HOT"] })).toEqual(["Mohan Lal", "Ravi Kumar"]);
    expect(await names(owner, { temperature: ["DEAD", "COLD"] })).toEqual(["Anita Desai", "Zara Khan"]);
  });

  test("stage and temperature together", async () => {
    expect(await names(owner, { stage: ["CONVERTED", "INTERESTED"], temperature: ["HOT"] })).toEqual(["Mohan Lal", "Ravi Kumar"]);
    expect(await names(owner, { stage: ["NEW"], temperature: ["HOT"] })).toEqual([]);
  });

  test("source", async () => {
    expect(await names(owner, { source: ["WEBSITE"] })).toEqual(["ravindra Shah"]);
    expect(await names(owner, { source: ["SMS", "IMPORT"] })).toEqual(["Anita Desai", "Zara Khan"]);
  });

  test("tag (several tags: contacts with all of them)", async () => {
    expect(await names(owner, { tag: [world.vip.id] })).toEqual(["Ravi Kumar"]);
    expect(await names(owner, { tag: [world.beginner.id] })).toEqual(["ravindra Shah"]);
    expect(await names(owner, { tag: [world.vip.id, world.beginner.id] })).toEqual([]);
  });

  test("owner: me, none, or a member's id", async () => {
    expect(await names(agent, { owner: "me" })).toEqual(["Ravi Kumar"]);
    expect(await names(manager, { owner: "me" })).toEqual(["Mohan Lal"]);
    expect(await names(owner, { owner: "none" })).toEqual(["Anita Desai", "Zara Khan"]);
    expect(await names(owner, { owner: world.managerA.user.id })).toEqual(["Mohan Lal"]);
    expect((await owner.contacts.list(input({ owner: world.a.owner.id }))).total).toBe(31);
  });

  test("company", async () => {
    expect(await names(owner, { company: world.acme.id })).toEqual(["Ravi Kumar"]);
  });

  test("score range (inclusive)", async () => {
    expect(await names(owner, { scoreMin: 70, scoreMax: 80 })).toEqual(["Mohan Lal"]);
    expect(await names(owner, { scoreMin: 90 })).toEqual(["Ravi Kumar"]);
    expect(await names(owner, { scoreMax: 20 })).toEqual(["Anita Desai", "Zara Khan"]);
  });

  test("last activity range, by days in India", async () => {
    expect(await names(owner, { activeFrom: "2026-11-10", activeTo: "2026-11-10" })).toEqual(["ravindra Shah"]);
    expect(await names(owner, { activeFrom: "2026-11-11", activeTo: "2026-11-11" })).toEqual(["Anita Desai"]);
    expect(await names(owner, { activeFrom: "2026-11-10" })).toEqual(["Anita Desai", "Ravi Kumar", "ravindra Shah"]);
    expect(await names(owner, { activeFrom: "2026-08-01", activeTo: "2026-09-01" })).toEqual(["Mohan Lal", "Zara Khan"]);
  });

  test("custom field equality", async () => {
    expect(await names(owner, { cf: { city: "Pune" } })).toEqual(["Ravi Kumar"]);
    expect(await names(owner, { cf: { city: "Mumbai" } })).toEqual(["Mohan Lal"]);
    expect(await names(owner, { cf: { city: "Delhi" } })).toEqual([]);
  });

  test("search by phone suffix", async () => {
    expect(await names(owner, { q: "43210" })).toEqual(["Anita Desai", "Ravi Kumar"]);
    expect(await names(owner, { q: "12345" })).toEqual(["Mohan Lal", "Zara Khan"]);
  });

  test.each(["098765-43210", "98765 43210", "+91 98765 43210", "09876543210", "+919876543210"])(
    "search by the full number written as %s",
    async (q) => {
      expect(await names(owner, { q })).toEqual(["Ravi Kumar"]);
    },
  );

  test("search by the start of any word of the name, case-insensitively", async () => {
    expect(await names(owner, { q: "RAV" })).toEqual(["Ravi Kumar", "ravindra Shah"]);
    expect(await names(owner, { q: "ravi k" })).toEqual(["Ravi Kumar"]);
    expect(await names(owner, { q: "kumar" })).toEqual(["Ravi Kumar"]);
    // Organization B's own Ravi Kumar, never organization A's.
    const inB = await ownerB.contacts.list(input({ q: "kumar" }));
    expect(inB.rows.map((row) => row.id)).toEqual([world.raviB.id]);
    // LIKE wildcards are taken literally.
    expect(await names(owner, { q: "%" })).toEqual([]);
    expect(await names(owner, { q: "R_v" })).toEqual([]);
  });

  test("search by email prefix", async () => {
    expect(await names(owner, { q: "ravi.kumar@g" })).toEqual(["Ravi Kumar"]);
    expect(await names(owner, { q: "ANITA@" })).toEqual(["Anita Desai"]);
    expect(await names(owner, { q: "nobody@" })).toEqual([]);
  });

  test("search combines with filters", async () => {
    expect(await names(owner, { q: "43210", temperature: ["COLD"] })).toEqual(["Anita Desai"]);
  });

  test("contacts.count agrees with the list", async () => {
    for (const filter of [{}, { stage: ["NEGOTIATION"] }, { q: "43210" }, { owner: "none" }, { tag: [world.vip.id] }]) {
      const list = await owner.contacts.list(input(filter));
      const { count } = await owner.contacts.count({ filter: input(filter).filter });
      expect(count).toBe(list.total);
    }
  });
});

describe("contacts.list sorting and paging", () => {
  async function allPages(caller: TestCaller, rest: Record<string, unknown>, filter: Record<string, unknown> = {}) {
    const seen: Array<{ id: string; score: number; name: string }> = [];
    const first = await caller.contacts.list(input(filter, { ...rest, perPage: 25 }));
    for (let page = 1; page <= first.page.pageCount; page += 1) {
      const result = await caller.contacts.list(input(filter, { ...rest, perPage: 25, page }));
      seen.push(...result.rows.map((row) => ({ id: row.id, score: row.score, name: row.name })));
    }
    return { seen, total: first.total, pageCount: first.page.pageCount };
  }

  test("ties on score: pages neither overlap nor skip, ordered by id within a score", async () => {
    for (const dir of ["desc", "asc"] as const) {
      const { seen, total, pageCount } = await allPages(owner, { sort: "score", dir }, { stage: ["NEGOTIATION"] });
      expect(total).toBe(30);
      expect(pageCount).toBe(2);
      expect(seen).toHaveLength(30);
      expect(new Set(seen.map((row) => row.id)).size).toBe(30);
      const ids = seen.map((row) => row.id);
      expect(ids).toEqual([...ids].sort((x, y) => (dir === "asc" ? x.localeCompare(y) : y.localeCompare(x))));
    }
  });

  test.each([
    ["score", "desc"],
    ["score", "asc"],
    ["name", "asc"],
    ["name", "desc"],
    ["createdAt", "desc"],
    ["lastActivityAt", "desc"],
    ["lastActivityAt", "asc"],
  ] as const)("sorted by %s %s, every contact appears exactly once across pages", async (sort, dir) => {
    const { seen, total } = await allPages(owner, { sort, dir });
    expect(total).toBe(ALL_A);
    expect(seen).toHaveLength(ALL_A);
    expect(new Set(seen.map((row) => row.id)).size).toBe(ALL_A);
  });

  test("score order is right", async () => {
    const result = await owner.contacts.list(input({}, { sort: "score", dir: "desc" }));
    const scores = result.rows.map((row) => row.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
    expect(result.rows[0]!.name).toBe("Ravi Kumar");
  });

  test("name order ignores case", async () => {
    const result = await owner.contacts.list(input({ q: "r" }, { sort: "name", dir: "asc" }));
    expect(result.rows.map((row) => row.name)).toEqual(["Ravi Kumar", "ravindra Shah"]);
  });

  test("counting stops at a cap, and the list says the total is a lower bound", async () => {
    const scope = { organizationId: world.orgA, userId: world.a.owner.id, timeZone: "Asia/Kolkata" };
    const everyone = contactListSchema.parse({ filter: {} }).filter;
    expect(await countContactsUpTo(prisma, scope, everyone, 10)).toEqual({ count: 10, exact: false });
    expect(await countContactsUpTo(prisma, scope, everyone, ALL_A)).toEqual({ count: ALL_A, exact: true });
    expect(await countContactsUpTo(prisma, scope, everyone, 1_000)).toEqual({ count: ALL_A, exact: true });
  });

  test("page info, and a page past the end is empty rather than an error", async () => {
    const second = await owner.contacts.list(input({}, { perPage: 25, page: 2 }));
    expect(second.page).toMatchObject({ page: 2, pageCount: 2, from: 26, to: 35, hasPrev: true, hasNext: false });
    const beyond = await owner.contacts.list(input({}, { perPage: 25, page: 9 }));
    expect(beyond.rows).toEqual([]);
    expect(beyond.total).toBe(ALL_A);
    expect(beyond.page).toMatchObject({ from: 0, hasNext: false });
  });
});

describe("bad list input", () => {
  test.each([
    ["an unknown stage", { filter: { stage: ["WON"] } }],
    ["an unknown temperature", { filter: { temperature: ["LUKEWARM"] } }],
    ["an unknown sort", { filter: {}, sort: "phone" }],
    ["a page of 0", { filter: {}, page: 0 }],
    ["30 per page", { filter: {}, perPage: 30 }],
    ["min score above max", { filter: { scoreMin: 80, scoreMax: 10 } }],
    ["a score of 500", { filter: { scoreMin: 500 } }],
    ["a date that is not a date", { filter: { activeFrom: "yesterday" } }],
    ["a tag that is not an id", { filter: { tag: ["vip"] } }],
    ["an owner that is not an id", { filter: { owner: "bob" } }],
    ["a bad custom field key", { filter: { cf: { "City!": "Pune" } } }],
  ])("%s is BAD_REQUEST", async (_label, bad) => {
    await expectTRPCError(owner.contacts.list(bad as never), "BAD_REQUEST");
  });

  test("the route's parser names the problem", () => {
    const parsed = parseListView(new URLSearchParams("stage=WON&perPage=30"));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.message).toContain("Unknown stage");
      expect(parsed.message).toContain("Show 25, 50 or 100 per page");
    }
    // Each problem in words a person can act on, not the validator's.
    for (const [search, message] of [
      ["page=abc", "Page must be a whole number"],
      ["page=1.5", "Page must be a whole number"],
      ["cf.UPPER=1", "Unknown custom field"],
      ["owner=%3Cscript%3E", "Unknown owner"],
    ]) {
      expect(parseListView(new URLSearchParams(search))).toEqual({ ok: false, message: `This view has a problem: ${message}.` });
    }
    const notAStage = parseListView(new URLSearchParams("stage=NEW&stage=HOT&cf.city=Pune&sort=score&dir=asc&page=2&perPage=25"));
    expect(notAStage.ok).toBe(false);
    const fine = parseListView(new URLSearchParams("stage=NEW&temperature=HOT&cf.city=Pune&sort=score&dir=asc&page=2&perPage=25"));
    expect(fine).toMatchObject({
      ok: true,
      input: { filter: { stage: ["NEW"], temperature: ["HOT"], cf: { city: "Pune" } }, sort: "score", dir: "asc", page: 2, perPage: 25 },
    });
  });

  test("viewHref changes one thing and goes back to page 1", () => {
    const params = new URLSearchParams("stage=NEW&page=3&sort=score");
    expect(viewHref("/contacts", params, { dir: "asc" })).toBe("/contacts?stage=NEW&sort=score&dir=asc");
    expect(viewHref("/contacts", params, { page: "4" })).toBe("/contacts?stage=NEW&page=4&sort=score");
    expect(viewHref("/contacts", params, { stage: null, sort: null })).toBe("/contacts");
  });
});

describe("contacts.filterOptions", () => {
  test("offers only the organization's tags, members, companies and fields", async () => {
    const options = await owner.contacts.filterOptions();
    expect(options.tags.map((tag) => tag.name)).toEqual(["beginner", "vip"]);
    expect(options.tags.map((tag) => tag.id)).not.toContain(world.vipB.id);
    expect(options.members.map((member) => member.name).sort()).toEqual(
      ["Aisha Agent", "Manoj Manager", "Priya Owner", "Vikas Viewer"].sort(),
    );
    expect(options.companies).toEqual([{ id: world.acme.id, name: "Acme Traders" }]);
    expect(options.customFields).toEqual([{ key: "city", label: "City", type: "TEXT", options: [] }]);
  });
});

describe("contacts.board", () => {
  test("a column per stage with its count; columns page by 20", async () => {
    const board = await owner.contacts.board(boardSchema.parse({ filter: {} }));
    expect(board.columns.map((column) => [column.stage, column.count])).toEqual([
      ["NEW", 1],
      ["ENGAGED", 1],
      ["INTERESTED", 1],
      ["NEGOTIATION", 30],
      ["CONVERTED", 1],
      ["CHURNED", 1],
    ]);
    const negotiation = board.columns.find((column) => column.stage === "NEGOTIATION")!;
    expect(negotiation.cards).toHaveLength(20);
    expect(negotiation.hasMore).toBe(true);
    expect(board.columns[2]!.cards[0]).toMatchObject({
      id: world.ravi.id,
      name: "Ravi Kumar",
      phone: "+919876543210",
      temperature: "HOT",
      score: 90,
      ownerName: "Aisha Agent",
      version: 1,
    });

    const more = await owner.contacts.board(boardSchema.parse(boardParamsToInput(new URLSearchParams("page.NEGOTIATION=2"))));
    const wider = more.columns.find((column) => column.stage === "NEGOTIATION")!;
    expect(wider.cards).toHaveLength(30);
    expect(new Set(wider.cards.map((card) => card.id)).size).toBe(30);
    expect(wider.hasMore).toBe(false);
  });

  test("the filter applies to every column", async () => {
    const board = await owner.contacts.board(boardSchema.parse({ filter: { temperature: ["HOT"] } }));
    expect(board.columns.filter((column) => column.count > 0).map((column) => column.stage)).toEqual(["INTERESTED", "CONVERTED"]);
    const onlyNew = await owner.contacts.board(boardSchema.parse({ filter: { stage: ["NEW", "CHURNED"] } }));
    expect(onlyNew.columns.map((column) => [column.stage, column.count, column.cards.length])).toEqual([
      ["NEW", 1, 1],
      ["ENGAGED", 0, 0],
      ["INTERESTED", 0, 0],
      ["NEGOTIATION", 0, 0],
      ["CONVERTED", 0, 0],
      ["CHURNED", 1, 1],
    ]);
    expect(onlyNew.columns.every((column) => column.countIsExact)).toBe(true);
  });

  test("bad column pages are BAD_REQUEST", async () => {
    await expectTRPCError(owner.contacts.board({ filter: boardSchema.parse({ filter: {} }).filter, pages: { NEW: 0 } }), "BAD_REQUEST");
    await expectTRPCError(owner.contacts.board({ filter: boardSchema.parse({ filter: {} }).filter, pages: { WON: 2 } } as never), "BAD_REQUEST");
  });
});

describe("contacts.changeStage", () => {
  test("an agent moves their own contact: stage, version, timeline", async () => {
    const contact = await createListContact(prisma, { organizationId: world.orgA, ownerId: world.agentA.user.id, stage: "NEW" });
    const result = await agent.contacts.changeStage({ contactId: contact.id, stage: "ENGAGED", version: 1 });
    expect(result).toMatchObject({ contactId: contact.id, stage: "ENGAGED", version: 2, changed: true });
    const after = await prisma.contact.findUniqueOrThrow({ where: { id: contact.id } });
    expect(after).toMatchObject({ stage: "ENGAGED", version: 2, updatedById: world.agentA.user.id });
    const events = await prisma.contactEvent.findMany({ where: { contactId: contact.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      organizationId: world.orgA,
      type: "STAGE_CHANGED",
      actorId: world.agentA.user.id,
      data: { field: "stage", before: "NEW", after: "ENGAGED" },
    });
  });

  test("an agent may move unassigned contacts, not someone else's", async () => {
    const unassigned = await createListContact(prisma, { organizationId: world.orgA, stage: "NEW" });
    await expect(agent.contacts.changeStage({ contactId: unassigned.id, stage: "INTERESTED" })).resolves.toMatchObject({ changed: true });
    const managers = await createListContact(prisma, { organizationId: world.orgA, ownerId: world.managerA.user.id });
    await expectTRPCError(agent.contacts.changeStage({ contactId: managers.id, stage: "ENGAGED" }), "FORBIDDEN");
    expect((await prisma.contact.findUniqueOrThrow({ where: { id: managers.id } })).stage).toBe("NEW");
    // A manager may move anyone's.
    await expect(manager.contacts.changeStage({ contactId: managers.id, stage: "ENGAGED" })).resolves.toMatchObject({ changed: true });
  });

  test("a viewer may not move anything", async () => {
    const contact = await createListContact(prisma, { organizationId: world.orgA });
    await expectTRPCError(viewer.contacts.changeStage({ contactId: contact.id, stage: "ENGAGED" }), "FORBIDDEN");
    expect(await prisma.contactEvent.count({ where: { contactId: contact.id } })).toBe(0);
  });

  test("a stale version is refused with who changed it and when", async () => {
    const contact = await createListContact(prisma, { organizationId: world.orgA });
    await manager.contacts.changeStage({ contactId: contact.id, stage: "ENGAGED", version: 1 });
    const error = await expectTRPCError(owner.contacts.changeStage({ contactId: contact.id, stage: "CHURNED", version: 1 }), "CONFLICT");
    expect(error.message).toMatch(/changed by Manoj Manager at /);
    expect((await prisma.contact.findUniqueOrThrow({ where: { id: contact.id } })).stage).toBe("ENGAGED");
  });

  test("moving to the stage it is already in changes nothing", async () => {
    const contact = await createListContact(prisma, { organizationId: world.orgA, stage: "ENGAGED" });
    await expect(owner.contacts.changeStage({ contactId: contact.id, stage: "ENGAGED" })).resolves.toMatchObject({ changed: false, version: 1 });
    expect(await prisma.contactEvent.count({ where: { contactId: contact.id } })).toBe(0);
  });

  test("bad input is BAD_REQUEST", async () => {
    await expectTRPCError(owner.contacts.changeStage({ contactId: "nope", stage: "NEW" }), "BAD_REQUEST");
    await expectTRPCError(owner.contacts.changeStage({ contactId: world.ravi.id, stage: "WON" } as never), "BAD_REQUEST");
  });
});

describe("tenant isolation", () => {
  function expectNoB(value: unknown) {
    const text = JSON.stringify(value);
    for (const secret of [world.raviB.id, world.otherB.id, world.vipB.id, world.acmeB.id, world.agentB.user.id, "Bina Secret", "Bobby Agent", "Bala Owner"]) {
      expect(text, `leaked ${secret}`).not.toContain(secret);
    }
  }

  test("the list never returns B's rows, whatever the filter", async () => {
    const filters = [
      {},
      { q: "098765-43210" },
      { q: "Ravi" },
      { q: "ravi.kumar@" },
      { q: "Bina" },
      { tag: [world.vipB.id] },
      { owner: world.agentB.user.id },
      { owner: world.b.owner.id },
      { company: world.acmeB.id },
      { cf: { city: "Pune" } },
      { scoreMin: 95 },
    ];
    for (const filter of filters) {
      for (const caller of [owner, agent, viewer]) {
        const result = await caller.contacts.list(input(filter));
        expectNoB(result);
        expect(result.rows.every((row) => row.id !== world.raviB.id)).toBe(true);
        const { count } = await caller.contacts.count({ filter: input(filter).filter });
        expect(count).toBe(result.total);
      }
    }
    expect((await owner.contacts.list(input({ q: "098765-43210" }))).rows.map((row) => row.id)).toEqual([world.ravi.id]);
    expect((await owner.contacts.list(input({ tag: [world.vipB.id] }))).total).toBe(0);
  });

  test("the board and filter options never show B's data", async () => {
    expectNoB(await owner.contacts.board(boardSchema.parse({ filter: {} })));
    expectNoB(await owner.contacts.board(boardSchema.parse({ filter: { owner: world.agentB.user.id } })));
    expectNoB(await owner.contacts.filterOptions());
  });

  test("changeStage with B's contact id is NOT_FOUND and B's contact is unchanged", async () => {
    const before = await prisma.contact.findUniqueOrThrow({ where: { id: world.raviB.id } });
    for (const caller of [owner, manager, agent]) {
      const error = await expectTRPCError(caller.contacts.changeStage({ contactId: world.raviB.id, stage: "CHURNED" }), "NOT_FOUND");
      expectNoB(error.message);
      await expectTRPCError(caller.contacts.changeStage({ contactId: world.raviB.id, stage: "CHURNED", version: 1 }), "NOT_FOUND");
    }
    expect(await prisma.contact.findUniqueOrThrow({ where: { id: world.raviB.id } })).toEqual(before);
    expect(await prisma.contactEvent.count({ where: { organizationId: world.orgB } })).toBe(0);
    // And B's owner can move it: the refusal was about tenancy.
    await expect(ownerB.contacts.changeStage({ contactId: world.raviB.id, stage: "NEGOTIATION" })).resolves.toMatchObject({ changed: true });
  });
});
