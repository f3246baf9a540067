import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { callerFor, callerForCookie, expectTRPCError, signInCookie } from "~/testing/caller";
import { createOrganization, createUser } from "../../../../prisma/factories";

describe("session router", () => {
  test("list shows the person's own live sessions and marks the current one", async () => {
    const { owner, organization } = await createOrganization(prisma);
    const { caller, sessionId } = await callerFor(owner, { organizationId: organization.id });
    await signInCookie(owner);
    const stranger = await createUser(prisma);
    await signInCookie(stranger);
    const expired = await signInCookie(owner);
    const { ctx } = await callerForCookie(expired);
    await prisma.session.update({ where: { id: ctx.session!.id }, data: { expiresAt: new Date(Date.now() - 1) } });

    const sessions = await caller.session.list();

    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    expect(sessions.every((s) => !("id" in s))).toBe(true);
    expect(sessionId).toBeTruthy();
  });

  test("revokeAll deletes every session of the person, this one included, and nobody else's", async () => {
    const user = await createUser(prisma);
    const other = await createUser(prisma);
    const { caller, cookie } = await callerFor(user);
    const elsewhere = await signInCookie(user);
    const othersCookie = await signInCookie(other);

    const result = await caller.session.revokeAll();

    expect(result).toEqual({ revoked: 2 });
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await prisma.session.count({ where: { userId: other.id } })).toBe(1);
    expect((await callerForCookie(cookie)).ctx.session).toBeNull();
    expect((await callerForCookie(elsewhere)).ctx.session).toBeNull();
    expect((await callerForCookie(othersCookie)).ctx.session).not.toBeNull();
    await expectTRPCError((await callerForCookie(cookie)).caller.session.list(), "UNAUTHORIZED");
  });
});
