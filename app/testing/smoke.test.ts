import { expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { createOrganization } from "../../prisma/factories";

test("each test file gets a migrated database of its own", async () => {
  const { organization, owner } = await createOrganization(prisma, { name: "Acme Indicators" });
  const memberships = await prisma.membership.findMany({ where: { organizationId: organization.id } });
  expect(memberships).toEqual([expect.objectContaining({ userId: owner.id, role: "OWNER" })]);
  const jobs = await prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM graphile_worker.jobs`;
  expect(Number(jobs[0]!.n)).toBe(0);
});
