import { expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { callerFor } from "~/testing/caller";
import { seedDemoData } from "./seed";

test("the demo seed gives contacts custom fields, notes, a timeline, consent, AI tags and follow-ups for each agent", async () => {
  const { organization, agents } = await seedDemoData(prisma);
  const organizationId = organization.id;
  expect((await prisma.customFieldDefinition.findMany({ where: { organizationId }, orderBy: { position: "asc" } })).map((f) => [f.key, f.type])).toEqual([
    ["trading_experience", "SELECT"],
    ["tradingview_username", "TEXT"],
  ]);
  const withExperience = await prisma.$queryRaw<Array<{ n: number }>>`
    SELECT count(*)::int AS n FROM "Contact" WHERE "organizationId" = ${organizationId}::uuid AND "customFields" ? 'trading_experience'`;
  expect(withExperience[0]!.n).toBeGreaterThan(5);
  expect(await prisma.note.count({ where: { organizationId } })).toBeGreaterThanOrEqual(3);
  expect(await prisma.contactEvent.count({ where: { organizationId, type: "CREATED" } })).toBe(await prisma.contact.count({ where: { organizationId } }));
  expect(await prisma.contactTag.count({ where: { organizationId, source: "AI", confidence: { not: null } } })).toBeGreaterThan(1);
  expect(await prisma.contactConsent.count({ where: { organizationId, status: "OPTED_OUT" } })).toBeGreaterThan(0);

  for (const agent of agents) {
    const { caller } = await callerFor(agent, { organizationId });
    expect((await caller.followUp.list({ view: "today" })).items).toHaveLength(2);
    expect((await caller.followUp.list({ view: "overdue" })).items.length).toBeGreaterThanOrEqual(1);
    expect((await caller.followUp.list({ view: "upcoming" })).items).toHaveLength(2);
  }
});
