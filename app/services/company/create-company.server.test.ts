import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { expectTRPCError } from "~/testing/caller";
import { watchLiveEvents } from "~/testing/live-events";
import { systemActor } from "~/services/command.server";
import { createCompany } from "~/services/company/create-company.server";
import { createOrganization } from "../../../prisma/factories";
import { createCompany as createCompanyRow } from "../../../prisma/factories-deals";

describe("createCompany, called as a job would", () => {
  test("stores the company and tells open lists on commit; a name taken in another case is refused", async () => {
    const { organization } = await createOrganization(prisma);
    const organizationId = organization.id;
    const live = await watchLiveEvents(organizationId);
    const scope = { organizationId, actor: systemActor("Import") };

    const company = await prisma.$transaction((tx) => createCompany(tx, scope, { name: "Nifty Ninjas", size: "11-50" }));

    expect(await prisma.company.findUniqueOrThrow({ where: { id: company.id } })).toMatchObject({
      organizationId,
      name: "Nifty Ninjas",
      industry: null,
      size: "11-50",
      website: null,
    });
    expect(await live.settled()).toEqual([{ type: "company.changed", companyId: company.id }]);

    const refusal = await expectTRPCError(prisma.$transaction((tx) => createCompany(tx, scope, { name: "NIFTY ninjas" })), "CONFLICT");
    expect(refusal.message).toBe("A company called “Nifty Ninjas” already exists.");
    expect(await prisma.company.count({ where: { organizationId } })).toBe(1);
    await live.unsubscribe();
  });

  test("another organization's names don't count: the same name is free here, and theirs is untouched", async () => {
    const { organization } = await createOrganization(prisma);
    const other = await createOrganization(prisma);
    const theirs = await createCompanyRow(prisma, { organizationId: other.organization.id, name: "Nifty Ninjas", industry: "Trading academy" });
    const mine = await prisma.$transaction((tx) =>
      createCompany(tx, { organizationId: organization.id, actor: systemActor("Import") }, { name: "Nifty Ninjas" }),
    );
    expect(mine.id).not.toBe(theirs.id);
    expect(await prisma.company.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({
      organizationId: other.organization.id,
      industry: "Trading academy",
    });
  });
});
