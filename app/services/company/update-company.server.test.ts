import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { expectTRPCError } from "~/testing/caller";
import { watchLiveEvents } from "~/testing/live-events";
import { systemActor } from "~/services/command.server";
import { updateCompany } from "~/services/company/update-company.server";
import { createOrganization } from "../../../prisma/factories";
import { createCompany } from "../../../prisma/factories-deals";

describe("updateCompany, called as a job would", () => {
  test("saves the whole form (what is left out is cleared) and tells open pages on commit", async () => {
    const { organization } = await createOrganization(prisma);
    const organizationId = organization.id;
    const company = await createCompany(prisma, { organizationId, name: "Koramangala Prop", industry: "Proprietary trading", website: "https://kp.example.in" });
    await createCompany(prisma, { organizationId, name: "Marine Drive Securities" });
    const live = await watchLiveEvents(organizationId);
    const scope = { organizationId, actor: systemActor("Workflow: Enrich company") };

    const saved = await prisma.$transaction((tx) =>
      updateCompany(tx, scope, { companyId: company.id, name: "Koramangala Prop Desk", industry: "Proprietary trading" }),
    );

    expect(saved).toMatchObject({ id: company.id, name: "Koramangala Prop Desk", industry: "Proprietary trading", website: null });
    expect(await prisma.company.findUniqueOrThrow({ where: { id: company.id } })).toMatchObject({ name: "Koramangala Prop Desk", website: null });
    expect(await live.settled()).toEqual([{ type: "company.changed", companyId: company.id }]);

    await expectTRPCError(
      prisma.$transaction((tx) => updateCompany(tx, scope, { companyId: company.id, name: "marine drive securities" })),
      "CONFLICT",
      "A company called “Marine Drive Securities” already exists.",
    );
    expect(await prisma.company.findUniqueOrThrow({ where: { id: company.id } })).toMatchObject({ name: "Koramangala Prop Desk" });
    await live.unsubscribe();
  });

  test("another organization's company is not found and stays as it was", async () => {
    const { organization } = await createOrganization(prisma);
    const other = await createOrganization(prisma);
    const theirs = await createCompany(prisma, { organizationId: other.organization.id, name: "Theirs" });
    await expectTRPCError(
      prisma.$transaction((tx) =>
        updateCompany(tx, { organizationId: organization.id, actor: systemActor("Workflow: Enrich company") }, { companyId: theirs.id, name: "Mine" }),
      ),
      "NOT_FOUND",
      "Company not found.",
    );
    expect(await prisma.company.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({ name: "Theirs" });
  });
});
