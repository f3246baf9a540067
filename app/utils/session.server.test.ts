import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { sha256Hex } from "~/utils/crypto.server";
import {
  SESSION_MAX_AGE_SECONDS,
  createUserSession,
  destroyUserSession,
  getAuthSession,
} from "~/utils/session.server";
import { cookieFromSetCookie, requestWith } from "~/testing/caller";
import { createOrganization, createUser } from "../../prisma/factories";

/** The token inside a signed cookie value (`<token>.<signature>`, URI-encoded). */
function tokenOf(cookie: string): string {
  const value = decodeURIComponent(cookie.slice(cookie.indexOf("=") + 1));
  const unsigned = value.slice(0, value.lastIndexOf("."));
  return JSON.parse(Buffer.from(unsigned, "base64").toString("utf8")) as string;
}

describe("database-backed sessions", () => {
  test("the cookie carries a token; the database keeps only its SHA-256", async () => {
    const { owner, organization } = await createOrganization(prisma);
    const setCookie = await createUserSession({
      request: requestWith({ ip: "203.0.113.5" }),
      userId: owner.id,
      organizationId: organization.id,
    });
    expect(setCookie).toMatch(/^__session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toContain(`Max-Age=${SESSION_MAX_AGE_SECONDS}`);

    const token = tokenOf(cookieFromSetCookie(setCookie));
    expect(token.length).toBeGreaterThan(20);
    const rows = await prisma.session.findMany({ where: { userId: owner.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).not.toBe(token);
    expect(rows[0]!.id).toBe(sha256Hex(token));
    expect(rows[0]!.id).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]).toMatchObject({ organizationId: organization.id, ipAddress: "203.0.113.5", userAgent: "vitest" });
    expect(await prisma.session.count({ where: { id: token } })).toBe(0);
  });

  test("getAuthSession finds the session from the cookie", async () => {
    const { owner, organization } = await createOrganization(prisma);
    const cookie = cookieFromSetCookie(
      await createUserSession({ request: requestWith(), userId: owner.id, organizationId: organization.id }),
    );
    const session = await getAuthSession(requestWith({ cookie }));
    expect(session).toEqual({
      id: sha256Hex(tokenOf(cookie)),
      organizationId: organization.id,
      user: { id: owner.id, email: owner.email, name: owner.name },
    });
  });

  test("no cookie, a garbage cookie or a cookie with a forged signature finds nothing", async () => {
    const user = await createUser(prisma);
    const cookie = cookieFromSetCookie(
      await createUserSession({ request: requestWith(), userId: user.id, organizationId: null }),
    );
    expect(await getAuthSession(requestWith())).toBeNull();
    expect(await getAuthSession(requestWith({ cookie: "__session=nonsense" }))).toBeNull();
    const forged = cookie.slice(0, -3) + (cookie.endsWith("AAA") ? "BBB" : "AAA");
    expect(await getAuthSession(requestWith({ cookie: forged }))).toBeNull();
    // A cookie holding the stored hash instead of the token does not work either.
    const row = await prisma.session.findFirstOrThrow({ where: { userId: user.id } });
    const { createCookie } = await import("@remix-run/node");
    const hashCookie = cookieFromSetCookie(
      await createCookie("__session", { secrets: ["leadlane-development-secret-not-for-production"] }).serialize(row.id),
    );
    expect(await getAuthSession(requestWith({ cookie: hashCookie }))).toBeNull();
  });

  test("signing in again from the same browser rotates the session: the previous row is deleted", async () => {
    const user = await createUser(prisma);
    const first = cookieFromSetCookie(
      await createUserSession({ request: requestWith(), userId: user.id, organizationId: null }),
    );
    const firstSession = await getAuthSession(requestWith({ cookie: first }));
    expect(firstSession).not.toBeNull();

    const second = cookieFromSetCookie(
      await createUserSession({ request: requestWith({ cookie: first }), userId: user.id, organizationId: null }),
    );

    expect(second).not.toBe(first);
    expect(await prisma.session.findUnique({ where: { id: firstSession!.id } })).toBeNull();
    expect(await getAuthSession(requestWith({ cookie: first }))).toBeNull();
    expect(await getAuthSession(requestWith({ cookie: second }))).toMatchObject({ user: { id: user.id } });
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);
  });

  test("a sign-in elsewhere does not end the other browser's session", async () => {
    const user = await createUser(prisma);
    const laptop = cookieFromSetCookie(
      await createUserSession({ request: requestWith(), userId: user.id, organizationId: null }),
    );
    const phone = cookieFromSetCookie(
      await createUserSession({ request: requestWith(), userId: user.id, organizationId: null }),
    );
    expect(await getAuthSession(requestWith({ cookie: laptop }))).not.toBeNull();
    expect(await getAuthSession(requestWith({ cookie: phone }))).not.toBeNull();
  });

  test("an expired session is rejected", async () => {
    const user = await createUser(prisma);
    const cookie = cookieFromSetCookie(
      await createUserSession({ request: requestWith(), userId: user.id, organizationId: null }),
    );
    const id = sha256Hex(tokenOf(cookie));
    await prisma.session.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await getAuthSession(requestWith({ cookie }))).toBeNull();
  });

  test("a session is touched when it was last seen more than 5 minutes ago", async () => {
    const user = await createUser(prisma);
    const cookie = cookieFromSetCookie(
      await createUserSession({ request: requestWith(), userId: user.id, organizationId: null }),
    );
    const id = sha256Hex(tokenOf(cookie));
    const longAgo = new Date(Date.now() - 60 * 60 * 1000);
    await prisma.session.update({ where: { id }, data: { lastSeenAt: longAgo } });
    await getAuthSession(requestWith({ cookie }));
    const row = await prisma.session.findUniqueOrThrow({ where: { id } });
    expect(row.lastSeenAt.getTime()).toBeGreaterThan(longAgo.getTime());
  });

  test("signing out deletes this browser's session and clears the cookie", async () => {
    const user = await createUser(prisma);
    const cookie = cookieFromSetCookie(
      await createUserSession({ request: requestWith(), userId: user.id, organizationId: null }),
    );
    const other = cookieFromSetCookie(
      await createUserSession({ request: requestWith(), userId: user.id, organizationId: null }),
    );
    const cleared = await destroyUserSession(requestWith({ cookie }));
    expect(cleared).toMatch(/Max-Age=0/);
    expect(await getAuthSession(requestWith({ cookie }))).toBeNull();
    expect(await getAuthSession(requestWith({ cookie: other }))).not.toBeNull();
  });
});
