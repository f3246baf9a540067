// Tenancy replay: a member of organization A replays organization B's ids
// against every procedure that takes one, and reads every list; none of B's
// data comes back and none of B's rows change.
import { beforeAll, describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { appRouter } from "~/trpc/root.server";
import {
  anonymousCaller,
  callerFor,
  callerForCookie,
  expectTRPCError,
  signInCookie,
  type TestCaller,
} from "~/testing/caller";
import { addMember, createContact, createOrganization, createProduct } from "../../prisma/factories";

type World = Awaited<ReturnType<typeof buildWorld>>;

async function outboxRow(organizationId: string, to: string) {
  return prisma.sandboxOutbox.create({
    data: {
      organizationId,
      channel: "EMAIL",
      provider: "sandbox",
      toAddress: to,
      subject: `Secret for ${to}`,
      body: `Body for ${to}`,
      externalId: `sbx_test_${Math.random().toString(36).slice(2)}`,
    },
  });
}

async function buildWorld() {
  const a = await createOrganization(prisma, { name: "Org A" });
  const b = await createOrganization(prisma, { name: "Org B" });
  const aAgent = await addMember(prisma, { organizationId: a.organization.id, role: "AGENT" });
  const aViewer = await addMember(prisma, { organizationId: a.organization.id, role: "VIEWER" });
  const bAdmin = await addMember(prisma, { organizationId: b.organization.id, role: "ADMIN" });
  const bAgent = await addMember(prisma, { organizationId: b.organization.id, role: "AGENT" });
  const bOwnerMembership = await prisma.membership.findFirstOrThrow({
    where: { organizationId: b.organization.id, userId: b.owner.id },
  });

  const ownerA = await callerFor(a.owner, { organizationId: a.organization.id });
  const ownerB = await callerFor(b.owner, { organizationId: b.organization.id });
  const bInvitation = await ownerB.caller.invitation.create({ email: "b-invitee@example.com", role: "MANAGER" });
  const aInvitation = await ownerA.caller.invitation.create({ email: "a-invitee@example.com", role: "AGENT" });
  const bOutbox = await outboxRow(b.organization.id, "b-customer@example.com");
  const aOutbox = await outboxRow(a.organization.id, "a-customer@example.com");
  for (let i = 0; i < 3; i += 1) {
    await createContact(prisma, { organizationId: b.organization.id, temperature: "HOT", stage: "CONVERTED" });
  }
  await createProduct(prisma, { organizationId: b.organization.id });
  await createContact(prisma, { organizationId: a.organization.id, temperature: "COLD" });
  await signInCookie(bAgent.user, { organizationId: b.organization.id });

  // Someone who belongs to both, working in A: B's ids must not work through A either.
  const both = await addMember(prisma, { organizationId: a.organization.id, role: "OWNER" });
  await prisma.membership.create({ data: { organizationId: b.organization.id, userId: both.user.id, role: "VIEWER" } });

  const bIds = [
    b.organization.id,
    b.owner.id,
    bOwnerMembership.id,
    bAdmin.membership.id,
    bAdmin.user.id,
    bAgent.membership.id,
    bAgent.user.id,
    bInvitation.id,
    bOutbox.id,
    b.owner.email,
    bAdmin.user.email,
    bAgent.user.email,
    "b-invitee@example.com",
    "b-customer@example.com",
    "Org B",
  ];
  return {
    a,
    b,
    aAgent,
    aViewer,
    bAdmin,
    bAgent,
    bOwnerMembership,
    bInvitation,
    aInvitation,
    bOutbox,
    aOutbox,
    both,
    bIds,
  };
}

async function snapshotB(world: World) {
  const organizationId = world.b.organization.id;
  const [organization, memberships, invitations, outbox, sessions, contacts, products] = await Promise.all([
    prisma.organization.findUniqueOrThrow({ where: { id: organizationId } }),
    prisma.membership.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    prisma.invitation.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    prisma.sandboxOutbox.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    prisma.session.findMany({
      where: { user: { memberships: { some: { organizationId } } } },
      orderBy: { id: "asc" },
      select: { id: true, userId: true, organizationId: true, expiresAt: true },
    }),
    prisma.contact.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    prisma.product.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
  ]);
  return { organization, memberships, invitations, outbox, sessions, contacts, products };
}

function expectNoneOf(value: unknown, forbidden: string[]) {
  const text = JSON.stringify(value);
  for (const item of forbidden) expect(text, `leaked ${item}`).not.toContain(item);
}

let world: World;
/** `refusal`: what an ADMIN-only procedure answers: NOT_FOUND for an admin of A, FORBIDDEN (by role) otherwise. */
let attackers: Array<{ label: string; caller: TestCaller; refusal: "NOT_FOUND" | "FORBIDDEN" }>;

beforeAll(async () => {
  world = await buildWorld();
  attackers = [
    {
      label: "owner of A only",
      caller: (await callerFor(world.a.owner, { organizationId: world.a.organization.id })).caller,
      refusal: "NOT_FOUND",
    },
    {
      label: "agent of A only",
      caller: (await callerFor(world.aAgent.user, { organizationId: world.a.organization.id })).caller,
      refusal: "FORBIDDEN",
    },
    {
      label: "owner of A who is also a viewer of B, working in A",
      caller: (await callerFor(world.both.user, { organizationId: world.a.organization.id })).caller,
      refusal: "NOT_FOUND",
    },
  ];
});

describe("replaying organization B's ids from organization A", () => {
  test("member.updateRole on B's members is NOT_FOUND or FORBIDDEN and changes nothing", async () => {
    const before = await snapshotB(world);
    for (const { caller, refusal } of attackers) {
      for (const membershipId of [world.bOwnerMembership.id, world.bAdmin.membership.id, world.bAgent.membership.id]) {
        for (const role of ["VIEWER", "OWNER"] as const) {
          const error = await expectTRPCError(caller.member.updateRole({ membershipId, role }), refusal);
          expectNoneOf(error.message, world.bIds);
        }
      }
    }
    expect(await snapshotB(world)).toEqual(before);
  });

  test("member.remove on B's members is NOT_FOUND or FORBIDDEN and changes nothing", async () => {
    const before = await snapshotB(world);
    for (const { caller, refusal } of attackers) {
      for (const membershipId of [world.bOwnerMembership.id, world.bAdmin.membership.id, world.bAgent.membership.id]) {
        const error = await expectTRPCError(caller.member.remove({ membershipId }), refusal);
        expectNoneOf(error.message, world.bIds);
      }
    }
    expect(await snapshotB(world)).toEqual(before);
  });

  test("invitation.revoke of B's invitation is NOT_FOUND or FORBIDDEN and it stays pending", async () => {
    const before = await snapshotB(world);
    for (const { caller, refusal } of attackers) {
      const error = await expectTRPCError(caller.invitation.revoke({ invitationId: world.bInvitation.id }), refusal);
      expectNoneOf(error.message, world.bIds);
    }
    expect(await snapshotB(world)).toEqual(before);
    expect((await prisma.invitation.findUniqueOrThrow({ where: { id: world.bInvitation.id } })).revokedAt).toBeNull();
  });

  test("outbox.get of B's message is NOT_FOUND", async () => {
    for (const { caller } of attackers) {
      const error = await expectTRPCError(caller.outbox.get({ id: world.bOutbox.id }), "NOT_FOUND");
      expectNoneOf(error, world.bIds);
    }
    // The same call works for A's own message, so the refusal is about tenancy.
    expect(await attackers[0]!.caller.outbox.get({ id: world.aOutbox.id })).toMatchObject({ id: world.aOutbox.id });
  });

  test("organization.switch to B is NOT_FOUND for someone who is not a member, and leaves the session", async () => {
    for (const user of [world.a.owner, world.aAgent.user]) {
      const { caller, sessionId } = await callerFor(user, { organizationId: world.a.organization.id });
      await expectTRPCError(caller.organization.switch({ organizationId: world.b.organization.id }), "NOT_FOUND");
      expect((await prisma.session.findUniqueOrThrow({ where: { id: sessionId } })).organizationId).toBe(
        world.a.organization.id,
      );
    }
  });

  test("a session row pointed at B (as if tampered with) gives no access to B", async () => {
    const { caller, ctx } = await callerFor(world.a.owner, { organizationId: world.b.organization.id });
    expect(ctx.org).toBeNull();
    await expectTRPCError(caller.member.list(), "FORBIDDEN");
    await expectTRPCError(caller.outbox.list({}), "FORBIDDEN");
    await expectTRPCError(caller.outbox.get({ id: world.bOutbox.id }), "FORBIDDEN");
    await expectTRPCError(caller.dashboard.summary(), "FORBIDDEN");
    await expectTRPCError(caller.invitation.list(), "FORBIDDEN");
    await expectTRPCError(caller.invitation.revoke({ invitationId: world.bInvitation.id }), "FORBIDDEN");
    await expectTRPCError(caller.member.remove({ membershipId: world.bAgent.membership.id }), "FORBIDDEN");
  });

  test("lists show only A's data", async () => {
    const ownerOfA = attackers[0]!.caller;
    for (const { caller, label } of attackers) {
      const members = await caller.member.list();
      expectNoneOf(members, world.bIds);
      expect(members.length, label).toBe(4);

      const outbox = await caller.outbox.list({});
      expectNoneOf(outbox, world.bIds);
      expect(outbox.map((row) => row.id)).toEqual([world.aOutbox.id]);
      expect(await caller.outbox.list({ channel: "EMAIL" })).toHaveLength(1);

      const summary = await caller.dashboard.summary();
      expect(summary).toMatchObject({ contacts: 1, hotLeads: 0, converted: 0, members: 4, products: 0 });

      const mine = await caller.organization.listMine();
      expect(mine.every((o) => o.id !== world.b.organization.id || label.includes("also a viewer of B"))).toBe(true);
    }
    await expectTRPCError(attackers[1]!.caller.invitation.list(), "FORBIDDEN");
    const invitations = await ownerOfA.invitation.list();
    expectNoneOf(invitations, world.bIds);
    expect(invitations.map((i) => i.id)).toEqual([world.aInvitation.id]);
  });

  test("B's own members still see B's data (the fixture is real)", async () => {
    const { caller } = await callerFor(world.b.owner, { organizationId: world.b.organization.id });
    expect(await caller.dashboard.summary()).toMatchObject({ contacts: 3, hotLeads: 3, converted: 3, members: 4, products: 1 });
    expect((await caller.outbox.list({})).map((r) => r.id)).toEqual([world.bOutbox.id]);
    expect((await caller.invitation.list()).map((i) => i.id)).toEqual([world.bInvitation.id]);
    expect(await caller.outbox.get({ id: world.bOutbox.id })).toMatchObject({ id: world.bOutbox.id });
  });
});

describe("roles and sign-in", () => {
  test("a VIEWER calling ADMIN procedures is FORBIDDEN and nothing changes", async () => {
    const { caller } = await callerFor(world.aViewer.user, { organizationId: world.a.organization.id });
    const aMembersBefore = await prisma.membership.findMany({ where: { organizationId: world.a.organization.id } });
    const invitationsBefore = await prisma.invitation.count({ where: { organizationId: world.a.organization.id } });

    await expectTRPCError(caller.invitation.list(), "FORBIDDEN");
    await expectTRPCError(caller.invitation.create({ email: "someone@example.com", role: "VIEWER" }), "FORBIDDEN");
    await expectTRPCError(caller.invitation.revoke({ invitationId: world.aInvitation.id }), "FORBIDDEN");
    await expectTRPCError(
      caller.member.updateRole({ membershipId: world.aAgent.membership.id, role: "VIEWER" }),
      "FORBIDDEN",
    );
    await expectTRPCError(caller.member.updateRole({ membershipId: world.aViewer.membership.id, role: "ADMIN" }), "FORBIDDEN");
    await expectTRPCError(caller.member.remove({ membershipId: world.aAgent.membership.id }), "FORBIDDEN");

    expect(await prisma.membership.findMany({ where: { organizationId: world.a.organization.id } })).toEqual(
      aMembersBefore,
    );
    expect(await prisma.invitation.count({ where: { organizationId: world.a.organization.id } })).toBe(invitationsBefore);
    // A viewer may read.
    await expect(caller.member.list()).resolves.toHaveLength(4);
    await expect(caller.outbox.list({})).resolves.toHaveLength(1);
    await expect(caller.dashboard.summary()).resolves.toMatchObject({ members: 4 });
  });

  // Procedures anyone may call without signing in. Anything else must refuse an anonymous caller.
  const PUBLIC_PROCEDURES = new Set([
    "auth.signUp",
    "auth.signUpPreview",
    "auth.confirmSignUp",
    "invitation.preview",
    "invitation.signUpAndAccept",
  ]);

  test("every procedure except the public ones is UNAUTHORIZED without a session", async () => {
    const { caller } = await anonymousCaller();
    const paths = Object.keys((appRouter as unknown as { _def: { procedures: Record<string, unknown> } })._def.procedures);
    expect(paths.length).toBeGreaterThan(PUBLIC_PROCEDURES.size);
    const inputs: Record<string, unknown> = {
      "organization.switch": { organizationId: world.a.organization.id },
      "member.updateRole": { membershipId: world.aAgent.membership.id, role: "OWNER" },
      "member.remove": { membershipId: world.aAgent.membership.id },
      "invitation.create": { email: "anon@example.com", role: "OWNER" },
      "invitation.revoke": { invitationId: world.aInvitation.id },
      "outbox.get": { id: world.aOutbox.id },
      "outbox.list": {},
      "organization.create": { name: "Anonymous Org" },
    };
    for (const path of paths.filter((p) => !PUBLIC_PROCEDURES.has(p))) {
      const procedure = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (
        input?: unknown,
      ) => Promise<unknown>;
      const error = await procedure(inputs[path] ?? {}).then(
        () => null,
        (e: { code?: string }) => e,
      );
      expect(error?.code, path).toBe("UNAUTHORIZED");
    }
    expect(await prisma.membership.findUnique({ where: { id: world.aAgent.membership.id } })).toMatchObject({
      role: "AGENT",
    });
    expect(await prisma.organization.count({ where: { name: "Anonymous Org" } })).toBe(0);
  });

  test("a cookie for a session that no longer exists is UNAUTHORIZED", async () => {
    const { cookie, sessionId } = await callerFor(world.aAgent.user, { organizationId: world.a.organization.id });
    await prisma.session.delete({ where: { id: sessionId } });
    const { caller } = await callerForCookie(cookie);
    await expectTRPCError(caller.member.list(), "UNAUTHORIZED");
    await expectTRPCError(caller.organization.listMine(), "UNAUTHORIZED");
  });
});
