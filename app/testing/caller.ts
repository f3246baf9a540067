// Builds tRPC callers the way a real request does: a signed session cookie
// from createUserSession, a Request carrying it, then createContext(request).
import { TRPCError } from "@trpc/server";
import { expect } from "vitest";
import { createCaller } from "~/trpc/root.server";
import { createContext, type Context } from "~/trpc/trpc.server";
import { createUserSession } from "~/utils/session.server";

export const TEST_ORIGIN = "http://localhost:3000";

/** Turns a Set-Cookie header into the `name=value` a browser would send back. */
export function cookieFromSetCookie(setCookie: string): string {
  return setCookie.split(";")[0]!;
}

export function requestWith(options: { cookie?: string | null; ip?: string; path?: string } = {}): Request {
  const headers = new Headers({ "user-agent": "vitest", "x-leadlane-client-ip": options.ip ?? "203.0.113.10" });
  if (options.cookie) headers.set("Cookie", options.cookie);
  return new Request(`${TEST_ORIGIN}${options.path ?? "/"}`, { headers });
}

/** Starts a real session for the user and returns the cookie its browser would hold. */
export async function signInCookie(
  user: { id: string },
  options: { organizationId?: string | null; previousCookie?: string | null; ip?: string } = {},
): Promise<string> {
  const setCookie = await createUserSession({
    request: requestWith({ cookie: options.previousCookie, ip: options.ip }),
    userId: user.id,
    organizationId: options.organizationId ?? null,
  });
  return cookieFromSetCookie(setCookie);
}

export type TestCaller = ReturnType<typeof createCaller>;

/** A caller for the browser holding `cookie` (or none), resolved through createContext. */
export async function callerForCookie(cookie: string | null): Promise<{ caller: TestCaller; ctx: Context }> {
  const ctx = await createContext(requestWith({ cookie }));
  return { caller: createCaller(ctx), ctx };
}

/** Signs the user in (optionally into an organization) and returns a caller, its context and cookie. */
export async function callerFor(user: { id: string }, options: { organizationId?: string | null } = {}) {
  const cookie = await signInCookie(user, options);
  const { caller, ctx } = await callerForCookie(cookie);
  if (!ctx.session) throw new Error("the test session did not resolve");
  return { caller, ctx, cookie, sessionId: ctx.session.id };
}

export function anonymousCaller() {
  return callerForCookie(null);
}

/** Awaits a call that must fail with a TRPCError of `code` (or one of `code`); returns the error. */
export async function expectTRPCError(
  call: Promise<unknown>,
  code: TRPCError["code"] | TRPCError["code"][],
  message?: string | RegExp,
) {
  const error = await call.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error, `expected ${code}, but the call succeeded`).toBeInstanceOf(TRPCError);
  if (Array.isArray(code)) expect(code).toContain((error as TRPCError).code);
  else expect((error as TRPCError).code).toBe(code);
  if (message !== undefined) expect((error as TRPCError).message).toMatch(message);
  return error as TRPCError;
}
