import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { anonymousCaller, callerFor, callerForCookie, expectTRPCError } from "~/testing/caller";
import { addMember, createOrganization, createUser } from "../../../../prisma/factories";

describe("organization router", () => {
  test("listMine lists the organizations the person belongs to, with their role, marking the current one", async () => {
    const { owner, organization: first } = await createOrganization(prisma, { name: "First Org" });
    const { organization: second } = await createOrganization(prisma, { name: "Second Org" });
    await prisma.membership.create({ data: { organizationId: second.id, userId: owner.id, role: "AGENT" } });
    await createOrganization(prisma, { name: "Someone Else's" });

    const { caller } = await callerFor(owner, { organizationId: second.id });
    const mine = await caller.organization.listMine();

    expect(mine).toEqual([
      { id: first.id, name: "First Org", slug: first.slug, role: "OWNER", current: false },
      { id: second.id, name: "Second Org", slug: second.slug, role: "AGENT", current: true },
    ]);
  });

  test("without an organization in the session the first membership is current", async () => {
    const { owner, organization } = await createOrganization(prisma);
    const { caller, ctx } = await callerFor(owner, { organizationId: null });
    expect(ctx.org).toMatchObject({ id: organization.id, role: "OWNER" });
    expect(await caller.organization.current()).toMatchObject({ id: organization.id });
  });

  test("switch to an organization you belong to updates the session", async () => {
    const { owner, organization: first } = await createOrganization(prisma);
    const { organization: second } = await createOrganization(prisma, { name: "Branch" });
    await prisma.membership.create({ data: { organizationId: second.id, userId: owner.id, role: "MANAGER" } });
    const { caller, sessionId, cookie } = await callerFor(owner, { organizationId: first.id });

    const result = await caller.organization.switch({ organizationId: second.id });

    expect(result).toEqual({ id: second.id, name: "Branch", role: "MANAGER" });
    expect((await prisma.session.findUniqueOrThrow({ where: { id: sessionId } })).organizationId).toBe(second.id);
    const next = await callerForCookie(cookie);
    expect(next.ctx.org).toMatchObject({ id: second.id, role: "MANAGER" });
  });

  test("switch to an organization you don't belong to is NOT_FOUND and leaves the session alone", async () => {
    const { owner, organization } = await createOrganization(prisma);
    const { organization: foreign } = await createOrganization(prisma);
    const { caller, sessionId } = await callerFor(owner, { organizationId: organization.id });

    await expectTRPCError(caller.organization.switch({ organizationId: foreign.id }), "NOT_FOUND");
    await expectTRPCError(
      caller.organization.switch({ organizationId: "00000000-0000-4000-8000-000000000000" }),
      "NOT_FOUND",
    );

    expect((await prisma.session.findUniqueOrThrow({ where: { id: sessionId } })).organizationId).toBe(organization.id);
  });

  test("switch with a malformed id is BAD_REQUEST", async () => {
    const { owner } = await createOrganization(prisma);
    const { caller } = await callerFor(owner);
    await expectTRPCError(caller.organization.switch({ organizationId: "not-a-uuid" }), "BAD_REQUEST");
  });

  test("create makes you its OWNER and switches the session to it", async () => {
    const { owner, organization } = await createOrganization(prisma);
    const { caller, sessionId, cookie } = await callerFor(owner, { organizationId: organization.id });

    const created = await caller.organization.create({ name: "  New Venture  " });

    expect(created.name).toBe("New Venture");
    expect(await prisma.membership.findMany({ where: { organizationId: created.id } })).toEqual([
      expect.objectContaining({ userId: owner.id, role: "OWNER" }),
    ]);
    expect((await prisma.session.findUniqueOrThrow({ where: { id: sessionId } })).organizationId).toBe(created.id);
    expect((await callerForCookie(cookie)).ctx.org).toMatchObject({ id: created.id, role: "OWNER" });
  });

  test("a person with no organization can create one", async () => {
    const user = await createUser(prisma);
    const { caller, ctx } = await callerFor(user);
    expect(ctx.org).toBeNull();
    await expectTRPCError(caller.organization.current(), "FORBIDDEN");
    const created = await caller.organization.create({ name: "Solo" });
    expect((await callerFor(user, { organizationId: created.id })).ctx.org).toMatchObject({ role: "OWNER" });
  });

  test("create with a blank name is BAD_REQUEST and writes nothing", async () => {
    const { owner } = await createOrganization(prisma);
    const { caller } = await callerFor(owner);
    const before = await prisma.organization.count();
    await expectTRPCError(caller.organization.create({ name: " " }), "BAD_REQUEST");
    expect(await prisma.organization.count()).toBe(before);
  });

  test("a session pointing at an organization the person was removed from gives no organization", async () => {
    const { organization } = await createOrganization(prisma);
    const { user, membership } = await addMember(prisma, { organizationId: organization.id, role: "AGENT" });
    const { cookie } = await callerFor(user, { organizationId: organization.id });
    await prisma.membership.delete({ where: { id: membership.id } });
    const { caller, ctx } = await callerForCookie(cookie);
    expect(ctx.org).toBeNull();
    await expectTRPCError(caller.member.list(), "FORBIDDEN");
  });

  test("every organization procedure needs a signed-in person", async () => {
    const { caller } = await anonymousCaller();
    await expectTRPCError(caller.organization.listMine(), "UNAUTHORIZED");
    await expectTRPCError(caller.organization.current(), "UNAUTHORIZED");
    await expectTRPCError(
      caller.organization.switch({ organizationId: "00000000-0000-4000-8000-000000000000" }),
      "UNAUTHORIZED",
    );
    await expectTRPCError(caller.organization.create({ name: "Nope" }), "UNAUTHORIZED");
  });
});
