import pg from "pg";
import { TRPCError } from "@trpc/server";
import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { liveEventHub } from "~/services/live-events.server";
import type { LiveEvent } from "~/utils/live-event";
import type { Role } from "~/utils/permissions";
import { callerFor, callerForCookie, expectTRPCError, signInCookie } from "~/testing/caller";
import { addMember, createOrganization } from "../../../../prisma/factories";

async function team() {
  const { organization, owner } = await createOrganization(prisma, { name: "Team Org" });
  const ownerMembership = await prisma.membership.findFirstOrThrow({
    where: { organizationId: organization.id, userId: owner.id },
  });
  const add = (role: Role) => addMember(prisma, { organizationId: organization.id, role });
  const [admin, manager, agent, viewer] = await Promise.all([add("ADMIN"), add("MANAGER"), add("AGENT"), add("VIEWER")]);
  return { organization, owner, ownerMembership, admin, manager, agent, viewer };
}

async function roleOf(membershipId: string) {
  return (await prisma.membership.findUnique({ where: { id: membershipId } }))?.role ?? null;
}

/**
 * Holds a row lock on the given memberships from another connection while `calls` start, until both
 * calls are waiting on it (or a deadline passes); then lets them go. That makes the two calls read
 * the same state before either writes — the interleaving a real race produces.
 */
async function raceWhileLocked<T>(membershipIds: string[], calls: () => Promise<T>[]) {
  const blocker = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await blocker.connect();
  try {
    await blocker.query("BEGIN");
    await blocker.query(`SELECT id FROM "Membership" WHERE id = ANY($1::uuid[]) FOR UPDATE`, [membershipIds]);
    const settled = Promise.allSettled(calls());
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const { rows } = await blocker.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
      );
      if (rows[0]!.n >= 2) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await blocker.query("COMMIT");
    return await settled;
  } finally {
    await blocker.end();
  }
}

describe("member.list", () => {
  test("lists every member of the current organization with name, email and role, for any role", async () => {
    const t = await team();
    await createOrganization(prisma); // another organization's members must not appear
    const { caller } = await callerFor(t.viewer.user, { organizationId: t.organization.id });

    const members = await caller.member.list();

    expect(members).toHaveLength(5);
    expect(members.map((m) => [m.user.email, m.role]).sort()).toEqual(
      [
        [t.owner.email, "OWNER"],
        [t.admin.user.email, "ADMIN"],
        [t.manager.user.email, "MANAGER"],
        [t.agent.user.email, "AGENT"],
        [t.viewer.user.email, "VIEWER"],
      ].sort(),
    );
    expect(Object.keys(members[0]!.user).sort()).toEqual(["email", "id", "name"]);
  });
});

describe("member.updateRole", () => {
  test("an OWNER changes a role", async () => {
    const t = await team();
    const { caller } = await callerFor(t.owner, { organizationId: t.organization.id });
    expect(await caller.member.updateRole({ membershipId: t.agent.membership.id, role: "MANAGER" })).toEqual({
      membershipId: t.agent.membership.id,
      role: "MANAGER",
    });
    expect(await roleOf(t.agent.membership.id)).toBe("MANAGER");
  });

  test("an ADMIN changes a role up to ADMIN", async () => {
    const t = await team();
    const { caller } = await callerFor(t.admin.user, { organizationId: t.organization.id });
    await caller.member.updateRole({ membershipId: t.viewer.membership.id, role: "ADMIN" });
    expect(await roleOf(t.viewer.membership.id)).toBe("ADMIN");
  });

  test("a change is announced to the organization", async () => {
    const t = await team();
    const events: LiveEvent[] = [];
    const unsubscribe = await liveEventHub().subscribe(t.organization.id, (event) => events.push(event));
    const { caller } = await callerFor(t.owner, { organizationId: t.organization.id });
    await caller.member.updateRole({ membershipId: t.agent.membership.id, role: "VIEWER" });
    await expect.poll(() => events).toContainEqual({ type: "member.updated", membershipId: t.agent.membership.id, userId: t.agent.user.id });
    await unsubscribe();
  });

  test.each(["MANAGER", "AGENT", "VIEWER"] as const)("a %s may not change roles (FORBIDDEN)", async (role) => {
    const t = await team();
    const actor = { MANAGER: t.manager, AGENT: t.agent, VIEWER: t.viewer }[role];
    const { caller } = await callerFor(actor.user, { organizationId: t.organization.id });
    await expectTRPCError(caller.member.updateRole({ membershipId: t.viewer.membership.id, role: "AGENT" }), "FORBIDDEN");
    await expectTRPCError(caller.member.updateRole({ membershipId: actor.membership.id, role: "OWNER" }), "FORBIDDEN");
    expect(await roleOf(t.viewer.membership.id)).toBe("VIEWER");
    expect(await roleOf(actor.membership.id)).toBe(role);
  });

  test("an ADMIN cannot grant OWNER, not even to themselves", async () => {
    const t = await team();
    const { caller } = await callerFor(t.admin.user, { organizationId: t.organization.id });
    await expectTRPCError(caller.member.updateRole({ membershipId: t.agent.membership.id, role: "OWNER" }), "FORBIDDEN");
    await expectTRPCError(caller.member.updateRole({ membershipId: t.admin.membership.id, role: "OWNER" }), "FORBIDDEN");
    expect(await roleOf(t.agent.membership.id)).toBe("AGENT");
    expect(await roleOf(t.admin.membership.id)).toBe("ADMIN");
  });

  test("an ADMIN cannot change or remove an OWNER", async () => {
    const t = await team();
    const { caller } = await callerFor(t.admin.user, { organizationId: t.organization.id });
    await expectTRPCError(caller.member.updateRole({ membershipId: t.ownerMembership.id, role: "VIEWER" }), "FORBIDDEN");
    await expectTRPCError(caller.member.remove({ membershipId: t.ownerMembership.id }), "FORBIDDEN");
    expect(await roleOf(t.ownerMembership.id)).toBe("OWNER");
  });

  test("the last OWNER cannot be demoted", async () => {
    const t = await team();
    const { caller } = await callerFor(t.owner, { organizationId: t.organization.id });
    await expectTRPCError(
      caller.member.updateRole({ membershipId: t.ownerMembership.id, role: "ADMIN" }),
      "BAD_REQUEST",
      /at least one owner/,
    );
    expect(await roleOf(t.ownerMembership.id)).toBe("OWNER");
  });

  test("with two OWNERs, one may demote the other, and then not themselves", async () => {
    const t = await team();
    await prisma.membership.update({ where: { id: t.admin.membership.id }, data: { role: "OWNER" } });
    const { caller } = await callerFor(t.owner, { organizationId: t.organization.id });
    await caller.member.updateRole({ membershipId: t.admin.membership.id, role: "ADMIN" });
    expect(await roleOf(t.admin.membership.id)).toBe("ADMIN");
    await expectTRPCError(caller.member.updateRole({ membershipId: t.ownerMembership.id, role: "ADMIN" }), "BAD_REQUEST");
  });

  test("an unknown member is NOT_FOUND and a malformed id BAD_REQUEST", async () => {
    const t = await team();
    const { caller } = await callerFor(t.owner, { organizationId: t.organization.id });
    await expectTRPCError(
      caller.member.updateRole({ membershipId: "00000000-0000-4000-8000-000000000000", role: "AGENT" }),
      "NOT_FOUND",
    );
    await expectTRPCError(caller.member.updateRole({ membershipId: "nope", role: "AGENT" }), "BAD_REQUEST");
    await expectTRPCError(
      // @ts-expect-error an unknown role
      caller.member.updateRole({ membershipId: t.agent.membership.id, role: "SUPERUSER" }),
      "BAD_REQUEST",
    );
  });

  test("two OWNERs demoting each other at the same moment still leave an OWNER", async () => {
    const t = await team();
    await prisma.membership.update({ where: { id: t.admin.membership.id }, data: { role: "OWNER" } });
    const secondOwner = t.admin;
    const first = await callerFor(t.owner, { organizationId: t.organization.id });
    const second = await callerFor(secondOwner.user, { organizationId: t.organization.id });

    const results = await raceWhileLocked([t.ownerMembership.id, secondOwner.membership.id], () => [
      first.caller.member.updateRole({ membershipId: secondOwner.membership.id, role: "ADMIN" }),
      second.caller.member.updateRole({ membershipId: t.ownerMembership.id, role: "ADMIN" }),
    ]);

    const owners = await prisma.membership.count({ where: { organizationId: t.organization.id, role: "OWNER" } });
    expect(owners, "the organization was left without an owner").toBeGreaterThanOrEqual(1);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refusal = results.find((r): r is PromiseRejectedResult => r.status === "rejected")!.reason;
    expect(refusal).toBeInstanceOf(TRPCError);
  });
});

describe("member.remove", () => {
  test("an ADMIN removes a member; the member's sessions in that organization lose it, others keep theirs", async () => {
    const t = await team();
    const { organization: elsewhere } = await createOrganization(prisma);
    await prisma.membership.create({ data: { organizationId: elsewhere.id, userId: t.agent.user.id, role: "AGENT" } });
    const inThisOrg = await signInCookie(t.agent.user, { organizationId: t.organization.id });
    const inThisOrgToo = await signInCookie(t.agent.user, { organizationId: t.organization.id });
    const inOtherOrg = await signInCookie(t.agent.user, { organizationId: elsewhere.id });
    const colleague = await signInCookie(t.viewer.user, { organizationId: t.organization.id });
    const { caller } = await callerFor(t.admin.user, { organizationId: t.organization.id });

    expect(await caller.member.remove({ membershipId: t.agent.membership.id })).toEqual({
      membershipId: t.agent.membership.id,
      reassignedTo: null,
      moved: { contacts: 0, deals: 0, followUps: 0 },
    });

    expect(await prisma.membership.findUnique({ where: { id: t.agent.membership.id } })).toBeNull();
    for (const cookie of [inThisOrg, inThisOrgToo]) {
      const { ctx } = await callerForCookie(cookie);
      const row = await prisma.session.findUniqueOrThrow({ where: { id: ctx.session!.id } });
      expect(row.organizationId).toBeNull();
      // The next request falls back to an organization they still belong to.
      expect(ctx.org?.id).toBe(elsewhere.id);
    }
    const other = await callerForCookie(inOtherOrg);
    expect((await prisma.session.findUniqueOrThrow({ where: { id: other.ctx.session!.id } })).organizationId).toBe(
      elsewhere.id,
    );
    const colleagueCtx = (await callerForCookie(colleague)).ctx;
    expect(colleagueCtx.org?.id).toBe(t.organization.id);
  });

  test("a removed member with no other organization has none on their next request", async () => {
    const t = await team();
    const cookie = await signInCookie(t.viewer.user, { organizationId: t.organization.id });
    const { caller } = await callerFor(t.owner, { organizationId: t.organization.id });
    await caller.member.remove({ membershipId: t.viewer.membership.id });
    const next = await callerForCookie(cookie);
    expect(next.ctx.session).not.toBeNull();
    expect(next.ctx.org).toBeNull();
    await expectTRPCError(next.caller.member.list(), "FORBIDDEN");
  });

  test.each(["MANAGER", "AGENT", "VIEWER"] as const)("a %s may not remove members (FORBIDDEN)", async (role) => {
    const t = await team();
    const actor = { MANAGER: t.manager, AGENT: t.agent, VIEWER: t.viewer }[role];
    const { caller } = await callerFor(actor.user, { organizationId: t.organization.id });
    await expectTRPCError(caller.member.remove({ membershipId: t.viewer.membership.id }), "FORBIDDEN");
    expect(await prisma.membership.count({ where: { organizationId: t.organization.id } })).toBe(5);
  });

  test("the last OWNER cannot be removed", async () => {
    const t = await team();
    const { caller } = await callerFor(t.owner, { organizationId: t.organization.id });
    await expectTRPCError(caller.member.remove({ membershipId: t.ownerMembership.id }), "BAD_REQUEST", /at least one owner/);
    expect(await roleOf(t.ownerMembership.id)).toBe("OWNER");
  });

  test("two OWNERs removing each other at the same moment still leave an OWNER", async () => {
    const t = await team();
    await prisma.membership.update({ where: { id: t.admin.membership.id }, data: { role: "OWNER" } });
    const secondOwner = t.admin;
    const first = await callerFor(t.owner, { organizationId: t.organization.id });
    const second = await callerFor(secondOwner.user, { organizationId: t.organization.id });

    await raceWhileLocked([t.ownerMembership.id, secondOwner.membership.id], () => [
      first.caller.member.remove({ membershipId: secondOwner.membership.id }),
      second.caller.member.remove({ membershipId: t.ownerMembership.id }),
    ]);

    const owners = await prisma.membership.count({ where: { organizationId: t.organization.id, role: "OWNER" } });
    expect(owners, "the organization was left without an owner").toBeGreaterThanOrEqual(1);
  });
});
