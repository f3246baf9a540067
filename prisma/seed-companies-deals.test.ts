import { expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { addMember, createContact, createOrganization } from "./factories";
import { seedCompaniesAndDeals } from "./seed-companies-deals";

test("the demo gets 6 companies with contacts and ~15 deals across every stage, on the contacts' timelines", async () => {
  const { organization, owner } = await createOrganization(prisma);
  const agent = await addMember(prisma, { organizationId: organization.id, role: "AGENT" });
  const contacts = [];
  for (let i = 0; i < 40; i += 1) contacts.push(await createContact(prisma, { organizationId: organization.id }));

  await seedCompaniesAndDeals(prisma, {
    organizationId: organization.id,
    ownerId: owner.id,
    agentIds: [agent.user.id],
    contactIds: contacts.map((contact) => contact.id),
  });

  const companies = await prisma.company.findMany({
    where: { organizationId: organization.id },
    include: { _count: { select: { contacts: true } } },
  });
  expect(companies).toHaveLength(6);
  expect(companies.every((company) => company._count.contacts === 3)).toBe(true);

  const deals = await prisma.deal.findMany({ where: { organizationId: organization.id }, include: { stage: true } });
  expect(deals).toHaveLength(15);
  expect(new Set(deals.map((deal) => deal.stage.name))).toEqual(
    new Set(["Qualification", "Demo", "Proposal", "Negotiation", "Won", "Lost"]),
  );
  for (const deal of deals) {
    expect(deal.valuePaise).toBeGreaterThanOrEqual(499_900n);
    expect(deal.valuePaise).toBeLessThanOrEqual(24_999_900n);
    expect(deal.expectedCloseDate).not.toBeNull();
    expect(deal.closedAt === null).toBe(deal.stage.kind === "OPEN");
  }
  // Written as the deal's owner, who is named if someone's stale save is refused.
  expect(deals.every((deal) => deal.updatedById !== null && deal.updatedById === deal.ownerId)).toBe(true);
  const events = await prisma.contactEvent.count({ where: { organizationId: organization.id, type: "DEAL_CREATED" } });
  expect(events).toBe(deals.filter((deal) => deal.contactId).length);
  // Closed deals were negotiated first: their contacts' timelines show them won or lost.
  const closings = await prisma.contactEvent.findMany({
    where: { organizationId: organization.id, type: { in: ["DEAL_WON", "DEAL_LOST"] } },
  });
  expect(closings.map((event) => event.type).sort()).toEqual(
    deals
      .filter((deal) => deal.contactId && deal.stage.kind !== "OPEN")
      .map((deal) => `DEAL_${deal.stage.kind}`)
      .sort(),
  );
  expect(closings.every((event) => (event.data as { before?: string }).before === "Negotiation")).toBe(true);
});
