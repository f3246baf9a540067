import { TRPCError } from "@trpc/server";
import { afterEach, describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { sha256Hex } from "~/utils/crypto.server";
import { verifyPassword } from "~/services/password.server";
import { liveEventHub } from "~/services/live-events.server";
import type { LiveEvent } from "~/utils/live-event";
import type { Role } from "~/utils/permissions";
import { anonymousCaller, callerFor, callerForCookie, expectTRPCError } from "~/testing/caller";
import { addMember, createOrganization, createUser } from "../../../../prisma/factories";

const BASE_URL = (process.env.APP_URL ?? "http://localhost:3000").replace(/\/$/, "");

type QueuedJob = { task: string; key: string | null; payload: Record<string, unknown> };

async function queuedJobs(): Promise<QueuedJob[]> {
  return prisma.$queryRaw<QueuedJob[]>`
    SELECT t.identifier AS task, j.key, j.payload
      FROM graphile_worker._private_jobs j
      JOIN graphile_worker._private_tasks t ON t.id = j.task_id
     ORDER BY j.id`;
}

async function jobsViewFor(key: string) {
  return prisma.$queryRaw<{ task_identifier: string; key: string }[]>`
    SELECT task_identifier, key FROM graphile_worker.jobs WHERE key = ${key}`;
}

function tokenFromLink(link: string): string {
  const match = /\/invite\/([A-Za-z0-9_-]+)$/.exec(link);
  if (!match) throw new Error(`not an invitation link: ${link}`);
  return match[1]!;
}

function freshEmail(label = "invitee") {
  return `${label}-${Math.random().toString(36).slice(2, 10)}@example.com`;
}

async function orgWithAdmin() {
  const { organization, owner } = await createOrganization(prisma, { name: "Inviting Org" });
  const admin = await addMember(prisma, { organizationId: organization.id, role: "ADMIN" });
  const adminCaller = (await callerFor(admin.user, { organizationId: organization.id })).caller;
  const ownerCaller = (await callerFor(owner, { organizationId: organization.id })).caller;
  return { organization, owner, admin, adminCaller, ownerCaller };
}

async function invite(role: Role = "AGENT", email = freshEmail()) {
  const setup = await orgWithAdmin();
  const created = await setup.adminCaller.invitation.create({ email, role });
  return { ...setup, created, email, token: tokenFromLink(created.link) };
}

describe("invitation.create", () => {
  test("stores only a hash of the token, returns the link and queues one invitation_send job", async () => {
    const before = await queuedJobs();
    const { organization, admin, created, token, email } = await invite("MANAGER");

    expect(created.link).toBe(`${BASE_URL}/invite/${token}`);
    expect(token.length).toBeGreaterThanOrEqual(40);
    expect(created).toMatchObject({ email, role: "MANAGER" });

    const row = await prisma.invitation.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({
      organizationId: organization.id,
      email,
      role: "MANAGER",
      invitedById: admin.user.id,
      tokenHash: sha256Hex(token),
      acceptedAt: null,
      revokedAt: null,
    });
    expect(JSON.stringify(row)).not.toContain(token);
    const days = (row.expiresAt.getTime() - row.createdAt.getTime()) / (24 * 3600 * 1000);
    expect(days).toBeCloseTo(7, 2);

    const jobs = (await queuedJobs()).slice(before.length);
    expect(jobs).toEqual([
      { task: "invitation_send", key: `invitation_send:${created.id}`, payload: { invitationId: created.id, token } },
    ]);
    expect(await jobsViewFor(`invitation_send:${created.id}`)).toEqual([
      { task_identifier: "invitation_send", key: `invitation_send:${created.id}` },
    ]);
  });

  test("normalises the email (trim, lower case)", async () => {
    const { adminCaller } = await orgWithAdmin();
    const created = await adminCaller.invitation.create({ email: "  Mixed.Case@Example.COM ", role: "VIEWER" });
    expect(created.email).toBe("mixed.case@example.com");
  });

  describe("when queueing the email fails", () => {
    afterEach(async () => {
      await prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS refuse_jobs ON graphile_worker._private_jobs`);
      await prisma.$executeRawUnsafe(`DROP FUNCTION IF EXISTS public.refuse_jobs()`);
    });

    test("the invitation is not created and the earlier one is not revoked (one transaction)", async () => {
      const { organization, adminCaller } = await orgWithAdmin();
      const email = freshEmail();
      const earlier = await adminCaller.invitation.create({ email, role: "AGENT" });
      await prisma.$executeRawUnsafe(
        `CREATE FUNCTION public.refuse_jobs() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'queue unavailable'; END $$`,
      );
      await prisma.$executeRawUnsafe(
        `CREATE TRIGGER refuse_jobs BEFORE INSERT ON graphile_worker._private_jobs FOR EACH ROW EXECUTE FUNCTION public.refuse_jobs()`,
      );

      await expect(adminCaller.invitation.create({ email, role: "ADMIN" })).rejects.toThrow();

      const rows = await prisma.invitation.findMany({ where: { organizationId: organization.id, email } });
      expect(rows).toEqual([expect.objectContaining({ id: earlier.id, revokedAt: null, role: "AGENT" })]);
    });
  });

  test("inviting the same address again revokes the earlier pending invitation in this organization only", async () => {
    const { adminCaller } = await orgWithAdmin();
    const other = await orgWithAdmin();
    const email = freshEmail();
    const first = await adminCaller.invitation.create({ email, role: "AGENT" });
    const elsewhere = await other.adminCaller.invitation.create({ email, role: "AGENT" });

    const second = await adminCaller.invitation.create({ email: email.toUpperCase(), role: "MANAGER" });

    expect((await prisma.invitation.findUniqueOrThrow({ where: { id: first.id } })).revokedAt).not.toBeNull();
    expect((await prisma.invitation.findUniqueOrThrow({ where: { id: second.id } })).revokedAt).toBeNull();
    expect((await prisma.invitation.findUniqueOrThrow({ where: { id: elsewhere.id } })).revokedAt).toBeNull();
    const pending = await adminCaller.invitation.list();
    expect(pending.map((i) => [i.id, i.role])).toEqual([[second.id, "MANAGER"]]);
    expect(pending[0]!.invitedBy.name).toBeTruthy();
    await expectTRPCError(
      (await anonymousCaller()).caller.invitation.accept({ token: tokenFromLink(first.link) }),
      "UNAUTHORIZED",
    );
    expect((await (await anonymousCaller()).caller.invitation.preview({ token: tokenFromLink(first.link) })).state).toBe(
      "revoked",
    );
  });

  test("inviting someone who is already a member is a CONFLICT, whatever the case", async () => {
    const { organization, adminCaller } = await orgWithAdmin();
    const { user } = await addMember(prisma, { organizationId: organization.id, role: "AGENT" });
    const jobsBefore = (await queuedJobs()).length;
    await expectTRPCError(
      adminCaller.invitation.create({ email: user.email.toUpperCase(), role: "AGENT" }),
      "CONFLICT",
      /already a member/,
    );
    expect(await prisma.invitation.count({ where: { organizationId: organization.id } })).toBe(0);
    expect((await queuedJobs()).length).toBe(jobsBefore);
  });

  test("someone who is a member of another organization can be invited", async () => {
    const { adminCaller } = await orgWithAdmin();
    const { owner: elsewhere } = await createOrganization(prisma);
    const created = await adminCaller.invitation.create({ email: elsewhere.email, role: "AGENT" });
    expect(created.email).toBe(elsewhere.email);
  });

  test("an ADMIN cannot invite an OWNER; an OWNER can", async () => {
    const { organization, adminCaller, ownerCaller } = await orgWithAdmin();
    await expectTRPCError(adminCaller.invitation.create({ email: freshEmail(), role: "OWNER" }), "FORBIDDEN", /above your own/);
    expect(await prisma.invitation.count({ where: { organizationId: organization.id } })).toBe(0);
    const created = await ownerCaller.invitation.create({ email: freshEmail(), role: "OWNER" });
    expect(created.role).toBe("OWNER");
  });

  test.each(["MANAGER", "AGENT", "VIEWER"] as const)("a %s cannot invite, list or revoke (FORBIDDEN)", async (role) => {
    const { organization, adminCaller } = await orgWithAdmin();
    const pending = await adminCaller.invitation.create({ email: freshEmail(), role: "VIEWER" });
    const member = await addMember(prisma, { organizationId: organization.id, role });
    const { caller } = await callerFor(member.user, { organizationId: organization.id });

    await expectTRPCError(caller.invitation.create({ email: freshEmail(), role: "VIEWER" }), "FORBIDDEN");
    await expectTRPCError(caller.invitation.list(), "FORBIDDEN");
    await expectTRPCError(caller.invitation.revoke({ invitationId: pending.id }), "FORBIDDEN");

    expect(await prisma.invitation.count({ where: { organizationId: organization.id } })).toBe(1);
    expect((await prisma.invitation.findUniqueOrThrow({ where: { id: pending.id } })).revokedAt).toBeNull();
  });

  test("a malformed email or role is BAD_REQUEST", async () => {
    const { adminCaller } = await orgWithAdmin();
    await expectTRPCError(adminCaller.invitation.create({ email: "nope", role: "AGENT" }), "BAD_REQUEST");
    // @ts-expect-error an unknown role
    await expectTRPCError(adminCaller.invitation.create({ email: freshEmail(), role: "GOD" }), "BAD_REQUEST");
  });
});

describe("invitation.list", () => {
  test("shows only pending invitations of the current organization", async () => {
    const { adminCaller } = await orgWithAdmin();
    const pending = await adminCaller.invitation.create({ email: freshEmail(), role: "AGENT" });
    const revoked = await adminCaller.invitation.create({ email: freshEmail(), role: "AGENT" });
    await adminCaller.invitation.revoke({ invitationId: revoked.id });
    const expired = await adminCaller.invitation.create({ email: freshEmail(), role: "AGENT" });
    await prisma.invitation.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const acceptedEmail = freshEmail();
    const accepted = await adminCaller.invitation.create({ email: acceptedEmail, role: "AGENT" });
    await (await anonymousCaller()).caller.invitation.signUpAndAccept({
      token: tokenFromLink(accepted.link),
      name: "Accepted",
      password: "a-long-enough-password",
    });
    const other = await orgWithAdmin();
    await other.adminCaller.invitation.create({ email: freshEmail(), role: "AGENT" });

    const list = await adminCaller.invitation.list();

    expect(list.map((i) => i.id)).toEqual([pending.id]);
    expect(list[0]).toMatchObject({ role: "AGENT", email: pending.email });
  });
});

describe("invitation.preview", () => {
  test("a valid invitation shows who invited whom to what", async () => {
    const { token, email, organization, admin } = await invite("MANAGER");
    const { caller } = await anonymousCaller();
    expect(await caller.invitation.preview({ token })).toEqual({
      organizationName: organization.name,
      invitedByName: admin.user.name,
      email,
      role: "MANAGER",
      state: "valid",
      problem: null,
      accountExists: false,
      signedInAs: null,
    });
  });

  test("says whether the invited address already has an account, and who is signed in", async () => {
    const existing = await createUser(prisma);
    const { adminCaller } = await orgWithAdmin();
    const created = await adminCaller.invitation.create({ email: existing.email, role: "AGENT" });
    const { caller } = await callerFor(existing);
    expect(await caller.invitation.preview({ token: tokenFromLink(created.link) })).toMatchObject({
      accountExists: true,
      signedInAs: existing.email,
    });
  });

  test.each([
    ["expired", { expiresAt: new Date(Date.now() - 60_000) }, /expired/],
    ["accepted", { acceptedAt: new Date() }, /already been used/],
    ["revoked", { revokedAt: new Date() }, /withdrawn/],
  ] as const)("an %s invitation says so", async (state, data, problem) => {
    const { token, created } = await invite();
    await prisma.invitation.update({ where: { id: created.id }, data });
    const preview = await (await anonymousCaller()).caller.invitation.preview({ token });
    expect(preview.state).toBe(state);
    expect(preview.problem).toMatch(problem);
  });

  test("an unknown token is NOT_FOUND; a malformed one BAD_REQUEST", async () => {
    const { caller } = await anonymousCaller();
    await expectTRPCError(caller.invitation.preview({ token: "x".repeat(43) }), "NOT_FOUND");
    await expectTRPCError(caller.invitation.preview({ token: "short" }), "BAD_REQUEST");
    await expectTRPCError(caller.invitation.preview({ token: "has spaces and slashes / / / / /" }), "BAD_REQUEST");
  });

  test("the stored hash does not work as a token", async () => {
    const { created } = await invite();
    const row = await prisma.invitation.findUniqueOrThrow({ where: { id: created.id } });
    await expectTRPCError((await anonymousCaller()).caller.invitation.preview({ token: row.tokenHash }), "NOT_FOUND");
  });
});

describe("invitation.accept", () => {
  test("the invited person joins with the invited role and the session switches to the organization", async () => {
    const { token, email, organization, created } = await invite("MANAGER");
    const user = await createUser(prisma, { email });
    const { organization: ownOrg } = await createOrganization(prisma);
    await prisma.membership.create({ data: { organizationId: ownOrg.id, userId: user.id, role: "OWNER" } });
    const { caller, sessionId, cookie } = await callerFor(user, { organizationId: ownOrg.id });
    const events: LiveEvent[] = [];
    const unsubscribe = await liveEventHub().subscribe(organization.id, (event) => events.push(event));

    const result = await caller.invitation.accept({ token });

    expect(result).toEqual({
      organizationId: organization.id,
      organizationName: organization.name,
      role: "MANAGER",
      userId: user.id,
    });
    const membership = await prisma.membership.findUniqueOrThrow({
      where: { organizationId_userId: { organizationId: organization.id, userId: user.id } },
    });
    expect(membership.role).toBe("MANAGER");
    expect((await prisma.session.findUniqueOrThrow({ where: { id: sessionId } })).organizationId).toBe(organization.id);
    expect((await callerForCookie(cookie)).ctx.org).toMatchObject({ id: organization.id, role: "MANAGER" });
    const row = await prisma.invitation.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.acceptedAt).not.toBeNull();
    expect(row.acceptedById).toBe(user.id);
    await expect.poll(() => events).toContainEqual({
      type: "member.joined",
      membershipId: membership.id,
      userId: user.id,
    });
    await unsubscribe();
  });

  test("someone signed in with another email is FORBIDDEN and nothing changes", async () => {
    const { token, organization, created, email } = await invite();
    const stranger = await createUser(prisma);
    const { caller } = await callerFor(stranger);
    await expectTRPCError(caller.invitation.accept({ token }), "FORBIDDEN", new RegExp(email.replace(/\./g, "\\.")));
    expect(await prisma.membership.count({ where: { organizationId: organization.id, userId: stranger.id } })).toBe(0);
    expect((await prisma.invitation.findUniqueOrThrow({ where: { id: created.id } })).acceptedAt).toBeNull();
  });

  test("a used invitation is PRECONDITION_FAILED with 'already been used'", async () => {
    const { token, email } = await invite();
    const user = await createUser(prisma, { email });
    const { caller } = await callerFor(user);
    await caller.invitation.accept({ token });
    await expectTRPCError(caller.invitation.accept({ token }), "PRECONDITION_FAILED", /already been used/);
  });

  test("an expired invitation is PRECONDITION_FAILED and creates no membership", async () => {
    const { token, email, created, organization } = await invite();
    await prisma.invitation.update({ where: { id: created.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    const user = await createUser(prisma, { email });
    const { caller } = await callerFor(user);
    await expectTRPCError(caller.invitation.accept({ token }), "PRECONDITION_FAILED", /expired/);
    expect(await prisma.membership.count({ where: { organizationId: organization.id, userId: user.id } })).toBe(0);
  });

  test("a revoked invitation is PRECONDITION_FAILED", async () => {
    const { token, email, created, adminCaller } = await invite();
    await adminCaller.invitation.revoke({ invitationId: created.id });
    const user = await createUser(prisma, { email });
    const { caller } = await callerFor(user);
    await expectTRPCError(caller.invitation.accept({ token }), "PRECONDITION_FAILED", /withdrawn/);
  });

  test("someone who is already a member gets a CONFLICT and the invitation stays unused", async () => {
    const { token, email, created, organization } = await invite();
    const user = await createUser(prisma, { email });
    await prisma.membership.create({ data: { organizationId: organization.id, userId: user.id, role: "VIEWER" } });
    const { caller } = await callerFor(user);
    await expectTRPCError(caller.invitation.accept({ token }), "CONFLICT");
    expect((await prisma.invitation.findUniqueOrThrow({ where: { id: created.id } })).acceptedAt).toBeNull();
  });

  test("two accepts of the same invitation at once make exactly one membership", async () => {
    const { token, email, organization } = await invite("AGENT");
    const user = await createUser(prisma, { email });
    const tabA = await callerFor(user);
    const tabB = await callerFor(user);

    const results = await Promise.allSettled([
      tabA.caller.invitation.accept({ token }),
      tabB.caller.invitation.accept({ token }),
    ]);

    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toBeInstanceOf(TRPCError);
    expect(["PRECONDITION_FAILED", "CONFLICT"]).toContain((rejected[0]!.reason as TRPCError).code);
    expect(await prisma.membership.count({ where: { organizationId: organization.id, userId: user.id } })).toBe(1);
  });

  test("needs a signed-in person", async () => {
    const { token } = await invite();
    await expectTRPCError((await anonymousCaller()).caller.invitation.accept({ token }), "UNAUTHORIZED");
  });
});

describe("invitation.signUpAndAccept", () => {
  test("creates the account with the invited email and joins with the invited role", async () => {
    const { token, email, organization, created } = await invite("VIEWER");
    const { caller } = await anonymousCaller();

    const result = await caller.invitation.signUpAndAccept({ token, name: " New Person ", password: "a-long-enough-password" });

    const user = await prisma.user.findUniqueOrThrow({ where: { email } });
    expect(result).toMatchObject({ organizationId: organization.id, role: "VIEWER", userId: user.id });
    expect(user.name).toBe("New Person");
    expect(user.passwordHash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$")).toBe(true);
    expect(await verifyPassword(user.passwordHash, "a-long-enough-password")).toBe(true);
    expect(await prisma.membership.findMany({ where: { userId: user.id } })).toEqual([
      expect.objectContaining({ organizationId: organization.id, role: "VIEWER" }),
    ]);
    const row = await prisma.invitation.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.acceptedById).toBe(user.id);
    // No organization of their own is created.
    expect(await prisma.membership.count({ where: { userId: user.id, role: "OWNER" } })).toBe(0);
  });

  test("an address that already has an account is a CONFLICT and the invitation stays unused", async () => {
    const { token, email, created } = await invite();
    await createUser(prisma, { email });
    const users = await prisma.user.count();
    await expectTRPCError(
      (await anonymousCaller()).caller.invitation.signUpAndAccept({ token, name: "Dup", password: "a-long-enough-password" }),
      "CONFLICT",
    );
    expect(await prisma.user.count()).toBe(users);
    expect((await prisma.invitation.findUniqueOrThrow({ where: { id: created.id } })).acceptedAt).toBeNull();
  });

  test("a used, expired or unknown invitation creates no account", async () => {
    const { token, email } = await invite();
    const { caller } = await anonymousCaller();
    await caller.invitation.signUpAndAccept({ token, name: "First", password: "a-long-enough-password" });
    const expired = await invite();
    await prisma.invitation.update({ where: { id: expired.created.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    const users = await prisma.user.count();

    await expectTRPCError(
      caller.invitation.signUpAndAccept({ token, name: "Second", password: "a-long-enough-password" }),
      "PRECONDITION_FAILED",
      /already been used/,
    );
    await expectTRPCError(
      caller.invitation.signUpAndAccept({ token: expired.token, name: "Late", password: "a-long-enough-password" }),
      "PRECONDITION_FAILED",
    );
    await expectTRPCError(
      caller.invitation.signUpAndAccept({ token: "y".repeat(43), name: "Nobody", password: "a-long-enough-password" }),
      "NOT_FOUND",
    );
    expect(await prisma.user.count()).toBe(users);
    expect(await prisma.user.count({ where: { email: expired.email } })).toBe(0);
    expect(await prisma.user.count({ where: { email } })).toBe(1);
  });

  test("a short password is BAD_REQUEST and creates nothing", async () => {
    const { token, email } = await invite();
    await expectTRPCError(
      (await anonymousCaller()).caller.invitation.signUpAndAccept({ token, name: "Short", password: "short" }),
      "BAD_REQUEST",
    );
    expect(await prisma.user.count({ where: { email } })).toBe(0);
  });
});

describe("invitation.revoke", () => {
  test("an ADMIN withdraws a pending invitation; doing it again is NOT_FOUND", async () => {
    const { created, adminCaller, token } = await invite();
    expect(await adminCaller.invitation.revoke({ invitationId: created.id })).toEqual({ invitationId: created.id });
    expect((await prisma.invitation.findUniqueOrThrow({ where: { id: created.id } })).revokedAt).not.toBeNull();
    expect((await (await anonymousCaller()).caller.invitation.preview({ token })).state).toBe("revoked");
    await expectTRPCError(adminCaller.invitation.revoke({ invitationId: created.id }), "NOT_FOUND");
  });

  test("an accepted invitation cannot be revoked", async () => {
    const { created, adminCaller, token } = await invite();
    await (await anonymousCaller()).caller.invitation.signUpAndAccept({
      token,
      name: "Joined",
      password: "a-long-enough-password",
    });
    await expectTRPCError(adminCaller.invitation.revoke({ invitationId: created.id }), "NOT_FOUND");
    const row = await prisma.invitation.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.revokedAt).toBeNull();
    expect(row.acceptedAt).not.toBeNull();
  });

  test("an unknown invitation is NOT_FOUND", async () => {
    const { adminCaller } = await orgWithAdmin();
    await expectTRPCError(
      adminCaller.invitation.revoke({ invitationId: "00000000-0000-4000-8000-000000000000" }),
      "NOT_FOUND",
    );
  });
});
