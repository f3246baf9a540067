import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { expectTRPCError } from "~/testing/caller";
import { systemActor } from "~/services/command.server";
import { createTag } from "~/services/tag/create-tag.server";
import { createOrganization, createTag as createTagRow } from "../../../prisma/factories";

describe("createTag, called as a job would", () => {
  test("stores the tag; a name the organization already has is refused, one another organization has is free", async () => {
    const { organization } = await createOrganization(prisma);
    const other = await createOrganization(prisma);
    await createTagRow(prisma, { organizationId: other.organization.id, name: "webinar" });
    const scope = { organizationId: organization.id, actor: systemActor("Import") };

    const tag = await prisma.$transaction((tx) => createTag(tx, scope, { name: "webinar", color: "teal" }));

    expect(await prisma.tag.findUniqueOrThrow({ where: { id: tag.id } })).toMatchObject({ organizationId: organization.id, name: "webinar", color: "teal" });
    await expectTRPCError(prisma.$transaction((tx) => createTag(tx, scope, { name: "webinar", color: "rose" })), "CONFLICT", 'There is already a tag called "webinar".');
    expect(await prisma.tag.count({ where: { name: "webinar", organizationId: { in: [organization.id, other.organization.id] } } })).toBe(2);
  });
});
