import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { expectTRPCError } from "~/testing/caller";
import { systemActor } from "~/services/command.server";
import { updateTag } from "~/services/tag/update-tag.server";
import { createOrganization, createTag } from "../../../prisma/factories";

describe("updateTag, called as a job would", () => {
  test("renames and recolors; a name another tag has is refused; another organization's tag is not found", async () => {
    const { organization } = await createOrganization(prisma);
    const other = await createOrganization(prisma);
    const tag = await createTag(prisma, { organizationId: organization.id, name: "hot lead" });
    await createTag(prisma, { organizationId: organization.id, name: "vip" });
    const theirs = await createTag(prisma, { organizationId: other.organization.id, name: "theirs" });
    const scope = { organizationId: organization.id, actor: systemActor("Import") };

    expect(await prisma.$transaction((tx) => updateTag(tx, scope, { id: tag.id, name: "warm lead", color: "amber" }))).toEqual({
      id: tag.id,
      name: "warm lead",
      color: "amber",
      previousName: "hot lead",
    });
    expect(await prisma.tag.findUniqueOrThrow({ where: { id: tag.id } })).toMatchObject({ name: "warm lead", color: "amber" });
    await expectTRPCError(prisma.$transaction((tx) => updateTag(tx, scope, { id: tag.id, name: "vip", color: "amber" })), "CONFLICT");
    await expectTRPCError(prisma.$transaction((tx) => updateTag(tx, scope, { id: theirs.id, name: "mine", color: "amber" })), "NOT_FOUND", "Tag not found.");
    expect(await prisma.tag.findUniqueOrThrow({ where: { id: tag.id } })).toMatchObject({ name: "warm lead" });
    expect(await prisma.tag.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({ name: "theirs" });
  });
});
