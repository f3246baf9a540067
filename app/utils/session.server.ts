// Database-backed sign-in sessions. The cookie carries a random token; the
// database keeps only its SHA-256, so a leaked table cannot sign anyone in.
import { createCookie } from "@remix-run/node";
import { prisma } from "~/utils/db.server";
import { randomToken, sha256Hex } from "~/utils/crypto.server";
import { clientIp } from "~/utils/request.server";
import { cookieSecrets, isProduction } from "~/utils/secrets.server";

export const SESSION_MAX_AGE_SECONDS = 60 * 60 * 24 * 30;
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

function sessionCookie() {
  return createCookie("__session", {
    httpOnly: true,
    sameSite: "lax",
    secure: isProduction(),
    path: "/",
    secrets: cookieSecrets(),
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
}

async function readSessionToken(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 20 ? value : null;
}

export type AuthSession = {
  id: string;
  organizationId: string | null;
  user: { id: string; email: string; name: string };
};

export async function getAuthSession(request: Request): Promise<AuthSession | null> {
  const token = await readSessionToken(request);
  if (!token) return null;
  const session = await prisma.session.findUnique({
    where: { id: sha256Hex(token) },
    select: {
      id: true,
      organizationId: true,
      expiresAt: true,
      lastSeenAt: true,
      user: { select: { id: true, email: true, name: true } },
    },
  });
  if (!session || session.expiresAt.getTime() <= Date.now()) return null;
  if (Date.now() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await prisma.session.update({ where: { id: session.id }, data: { lastSeenAt: new Date() } }).catch(() => {});
  }
  return { id: session.id, organizationId: session.organizationId, user: session.user };
}

/**
 * Starts a new session for `userId` and returns its Set-Cookie header. Any
 * session the browser already had is ended, so a sign-in always rotates the token.
 */
export async function createUserSession(options: {
  request: Request;
  userId: string;
  organizationId: string | null;
}): Promise<string> {
  const previous = await readSessionToken(options.request);
  if (previous) await prisma.session.deleteMany({ where: { id: sha256Hex(previous) } });
  const token = randomToken();
  await prisma.session.create({
    data: {
      id: sha256Hex(token),
      userId: options.userId,
      organizationId: options.organizationId,
      userAgent: options.request.headers.get("user-agent")?.slice(0, 512) ?? null,
      ipAddress: clientIp(options.request).slice(0, 64),
      expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000),
    },
  });
  return sessionCookie().serialize(token);
}

/** Ends this browser's session; returns the Set-Cookie header that clears the cookie. */
export async function destroyUserSession(request: Request): Promise<string> {
  const token = await readSessionToken(request);
  if (token) await prisma.session.deleteMany({ where: { id: sha256Hex(token) } });
  return sessionCookie().serialize("", { maxAge: 0 });
}
