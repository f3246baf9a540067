import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { callerFor, expectTRPCError } from "~/testing/caller";
import { normalizeWebsite } from "~/trpc/routers/company/company-fields.schema";
import { addMember, createContact, createOrganization } from "../../../../prisma/factories";
import { createCompany, createDeal } from "../../../../prisma/factories-deals";

async function team() {
  const { organization, owner } = await createOrganization(prisma);
  const [manager, agent, viewer] = await Promise.all([
    addMember(prisma, { organizationId: organization.id, role: "MANAGER" }),
    addMember(prisma, { organizationId: organization.id, role: "AGENT" }),
    addMember(prisma, { organizationId: organization.id, role: "VIEWER" }),
  ]);
  const as = async (user: { id: string }) => (await callerFor(user, { organizationId: organization.id })).caller;
  return { organization, owner, manager, agent, viewer, as };
}

describe("normalizeWebsite", () => {
  test.each([
    ["zerodha.com", "https://zerodha.com"],
    ["  Zerodha.com/  ", "https://zerodha.com"],
    ["http://www.upstox.com", "https://www.upstox.com"],
    ["HTTPS://angelone.in/trading?x=1", "https://angelone.in/trading?x=1"],
    ["//dalalstreet.academy", "https://dalalstreet.academy"],
    ["bengaluru-prop-desk.co.in:8443/app", "https://bengaluru-prop-desk.co.in:8443/app"],
    ["xn--h2brj9c.xn--h2brj9c", "https://xn--h2brj9c.xn--h2brj9c"],
  ])("%j → %s", (input, expected) => {
    expect(normalizeWebsite(input)).toBe(expected);
  });

  test.each([
    "javascript:alert(1)",
    "mailto:sales@zerodha.com",
    "ftp://files.zerodha.com",
    "data:text/html,hi",
    "zerodha",
    "localhost",
    "zerodha .com",
    "https://",
    "https://user:pass@zerodha.com",
    "https://-bad-.com",
    `${"a".repeat(500)}.com`,
  ])("%j is refused", (input) => {
    expect(normalizeWebsite(input)).toBeNull();
  });
});

describe("company.create and company.update", () => {
  test("an AGENT creates a company; the website is normalized and blanks are nothing", async () => {
    const t = await team();
    const caller = await t.as(t.agent.user);
    const company = await caller.company.create({
      name: "  Dalal Street Traders  ",
      industry: "Trading academy",
      size: "11-50",
      website: "dalalstreet.academy",
    });
    expect(company).toMatchObject({
      name: "Dalal Street Traders",
      industry: "Trading academy",
      size: "11-50",
      website: "https://dalalstreet.academy",
    });
    const bare = await caller.company.create({ name: "Bare", industry: "", website: "" } as never);
    expect(bare).toMatchObject({ industry: null, size: null, website: null });
  });

  test("a duplicate name (ignoring case) is refused on the name field, for create and update", async () => {
    const t = await team();
    const caller = await t.as(t.owner);
    await caller.company.create({ name: "Zerodha Varsity Club" });
    const error = await expectTRPCError(caller.company.create({ name: "zerodha varsity club" }), "CONFLICT", /already exists/);
    expect(JSON.stringify(error.cause)).toContain("name");
    const other = await caller.company.create({ name: "Upstox Pro Desk" });
    await expectTRPCError(
      caller.company.update({ companyId: other.id, name: "ZERODHA VARSITY CLUB" }),
      "CONFLICT",
      /already exists/,
    );
    expect(await prisma.company.count({ where: { organizationId: t.organization.id } })).toBe(2);
    expect((await prisma.company.findUniqueOrThrow({ where: { id: other.id } })).name).toBe("Upstox Pro Desk");
  });

  test("the same name in another organization is fine", async () => {
    const t = await team();
    const elsewhere = await createOrganization(prisma);
    await createCompany(prisma, { organizationId: elsewhere.organization.id, name: "Mumbai Options Desk" });
    await expect((await t.as(t.owner)).company.create({ name: "Mumbai Options Desk" })).resolves.toMatchObject({
      name: "Mumbai Options Desk",
    });
  });

  test("bad size or website is refused with field errors and nothing is saved", async () => {
    const t = await team();
    const caller = await t.as(t.owner);
    for (const [input, field] of [
      [{ name: "A", size: "5000" }, "size"],
      [{ name: "A", website: "javascript:alert(1)" }, "website"],
      [{ name: "A", website: "not a url" }, "website"],
      [{ name: "" }, "name"],
      [{ name: "A", industry: "x".repeat(121) }, "industry"],
    ] as const) {
      const error = await expectTRPCError(caller.company.create(input as never), "BAD_REQUEST");
      expect(JSON.stringify(error.cause), field).toContain(field);
    }
    expect(await prisma.company.count({ where: { organizationId: t.organization.id } })).toBe(0);
  });

  test("update saves the whole form; a left-out field is cleared", async () => {
    const t = await team();
    const company = await createCompany(prisma, {
      organizationId: t.organization.id,
      name: "Old Name",
      industry: "Brokerage",
      size: "51-200",
      website: "https://old.example.com",
    });
    const updated = await (await t.as(t.agent.user)).company.update({
      companyId: company.id,
      name: "New Name",
      website: "http://new.example.com/",
    });
    expect(updated).toMatchObject({ name: "New Name", industry: null, size: null, website: "https://new.example.com" });
  });

  test("a VIEWER reads but may not create or update", async () => {
    const t = await team();
    const company = await createCompany(prisma, { organizationId: t.organization.id, name: "Read Only" });
    const viewer = await t.as(t.viewer.user);
    expect((await viewer.company.list({})).companies.map((c) => c.name)).toEqual(["Read Only"]);
    await expectTRPCError(viewer.company.create({ name: "Nope" }), "FORBIDDEN");
    await expectTRPCError(viewer.company.update({ companyId: company.id, name: "Nope" }), "FORBIDDEN");
    expect((await prisma.company.findUniqueOrThrow({ where: { id: company.id } })).name).toBe("Read Only");
  });
});

describe("company.list and company.get", () => {
  test("searches by name prefix (ignoring case, % and _ taken literally) and pages by 25", async () => {
    const t = await team();
    for (let i = 0; i < 30; i += 1) {
      await createCompany(prisma, { organizationId: t.organization.id, name: `Mumbai Desk ${String(i).padStart(2, "0")}` });
    }
    await createCompany(prisma, { organizationId: t.organization.id, name: "Bengaluru Prop Traders" });
    await createCompany(prisma, { organizationId: t.organization.id, name: "100% Returns Academy" });
    const caller = await t.as(t.viewer.user);

    const first = await caller.company.list({ q: "mumbai" });
    expect(first).toMatchObject({ total: 30, page: 1, pageCount: 2 });
    expect(first.companies).toHaveLength(25);
    expect(first.companies[0]!.name).toBe("Mumbai Desk 00");
    const second = await caller.company.list({ q: "mumbai", page: 2 });
    expect(second.companies.map((c) => c.name)).toEqual(["Mumbai Desk 25", "Mumbai Desk 26", "Mumbai Desk 27", "Mumbai Desk 28", "Mumbai Desk 29"]);
    expect((await caller.company.list({ q: "desk" })).total).toBe(0); // a prefix, not a substring
    expect((await caller.company.list({ q: "100%" })).companies.map((c) => c.name)).toEqual(["100% Returns Academy"]);
    expect((await caller.company.list({ q: "%" })).total).toBe(0);
    expect((await caller.company.list({ q: "_" })).total).toBe(0);
    expect((await caller.company.list({})).total).toBe(32);
  });

  test("a company comes with its contacts and its deals, and counts them", async () => {
    const t = await team();
    const company = await createCompany(prisma, { organizationId: t.organization.id, name: "Nifty Ninjas" });
    const contact = await createContact(prisma, { organizationId: t.organization.id, name: "Kavya Rao" });
    await prisma.contact.update({ where: { id: contact.id }, data: { companyId: company.id } });
    await createContact(prisma, { organizationId: t.organization.id, name: "Unrelated" });
    await createDeal(prisma, {
      organizationId: t.organization.id,
      stage: "Proposal",
      title: "Team licence",
      valuePaise: 4_999_900,
      companyId: company.id,
      contactId: contact.id,
      expectedCloseDate: "2026-12-15",
    });

    const profile = await (await t.as(t.viewer.user)).company.get({ companyId: company.id });
    expect(profile).toMatchObject({ name: "Nifty Ninjas", contactCount: 1, dealCount: 1 });
    expect(profile.contacts.map((c) => c.name)).toEqual(["Kavya Rao"]);
    expect(profile.deals).toEqual([
      expect.objectContaining({
        title: "Team licence",
        valuePaise: "4999900",
        expectedCloseDate: "2026-12-15",
        stage: expect.objectContaining({ name: "Proposal" }),
        contact: { id: contact.id, name: "Kavya Rao" },
      }),
    ]);
    const list = await (await t.as(t.viewer.user)).company.list({});
    expect(list.companies[0]).toMatchObject({ contactCount: 1, dealCount: 1 });
  });

  test("an unknown company is NOT_FOUND", async () => {
    const t = await team();
    await expectTRPCError(
      (await t.as(t.owner)).company.get({ companyId: "00000000-0000-4000-8000-000000000000" }),
      "NOT_FOUND",
    );
  });
});

describe("company.delete", () => {
  test("a MANAGER deletes it; contacts and deals stay, unlinked, and each contact's timeline says so", async () => {
    const t = await team();
    const company = await createCompany(prisma, { organizationId: t.organization.id, name: "Closing Down Ltd" });
    const contact = await createContact(prisma, { organizationId: t.organization.id });
    await prisma.contact.update({ where: { id: contact.id }, data: { companyId: company.id } });
    const deal = await createDeal(prisma, { organizationId: t.organization.id, companyId: company.id });

    const result = await (await t.as(t.manager.user)).company.delete({ companyId: company.id });

    expect(result).toEqual({ companyId: company.id, unlinkedContacts: 1 });
    expect(await prisma.company.count({ where: { id: company.id } })).toBe(0);
    const after = await prisma.contact.findUniqueOrThrow({ where: { id: contact.id } });
    expect(after).toMatchObject({ companyId: null, version: contact.version + 1, updatedById: t.manager.user.id });
    expect(await prisma.deal.findUniqueOrThrow({ where: { id: deal.id } })).toMatchObject({ companyId: null, version: 2 });
    const events = await prisma.contactEvent.findMany({ where: { contactId: contact.id } });
    expect(events).toEqual([
      expect.objectContaining({
        type: "COMPANY_CHANGED",
        actorId: t.manager.user.id,
        data: expect.objectContaining({ before: { id: company.id, name: "Closing Down Ltd" }, after: null }),
      }),
    ]);
  });

  test("an AGENT or VIEWER may not delete; nothing changes", async () => {
    const t = await team();
    const company = await createCompany(prisma, { organizationId: t.organization.id });
    for (const member of [t.agent, t.viewer]) {
      await expectTRPCError((await t.as(member.user)).company.delete({ companyId: company.id }), "FORBIDDEN");
    }
    expect(await prisma.company.count({ where: { id: company.id } })).toBe(1);
  });
});
