// Sign-up in two steps, so the sign-up page can't be asked whether an email
// has an account: every request is stored and answered the same way ("check
// your email"), and the email sent says what happens next — a link that
// creates the account and organization, or, when the address already has an
// account, a note saying so with a link to sign in.
import { TRPCError } from "@trpc/server";
import type { PrismaClient } from "~/generated/prisma/client";
import { createOrganizationWithOwner } from "~/models/organization.server";
import { getEmailProvider } from "~/providers/email/index.server";
import { enqueueJob, jobKey } from "~/services/jobs.server";
import { throttledSignUp } from "~/services/login-throttle.server";
import { hashPassword } from "~/services/password.server";
import { createAccountWithHash } from "~/services/auth/create-account.server";
import type { SignUpInput } from "~/domain/auth/sign-up.schema";
import { randomToken, sha256Hex } from "~/utils/crypto.server";
import { appUrl, providerModes } from "~/utils/env.server";
import { idempotencyDigest } from "~/providers/email/idempotency";

export const SIGN_UP_LINK_HOURS = 24;
export const SIGN_UP_LINK_GONE = "This sign-up link has expired or was used already. Sign up again to get a new one.";

function signUpWaitMessage(seconds: number): string {
  const wait = seconds < 60 ? `${seconds} second${seconds === 1 ? "" : "s"}` : `${Math.ceil(seconds / 60)} minute${Math.ceil(seconds / 60) === 1 ? "" : "s"}`;
  return `Too many sign-ups. Try again in ${wait}.`;
}

export function signUpLink(token: string): string {
  return `${appUrl()}/signup/confirm/${token}`;
}

/** The idempotency key of the email a sign-up request sends (the sandbox outbox finds it by this too). */
export function signUpEmailKey(signUpRequestId: string): string {
  return jobKey("signup_email_send", signUpRequestId);
}

/**
 * Stores the request and queues its email, in one transaction. The same work
 * (and the same answer) whether or not the email has an account. Throttled
 * per email and per IP; over a limit it is TOO_MANY_REQUESTS and writes nothing.
 */
export async function requestSignUp(db: PrismaClient, input: SignUpInput, options: { ip: string }): Promise<{ id: string; email: string }> {
  const outcome = await throttledSignUp(input.email, options.ip, async () => {
    const token = randomToken();
    const passwordHash = await hashPassword(input.password);
    return db.$transaction(async (tx) => {
      const request = await tx.signUpRequest.create({
        data: {
          email: input.email,
          name: input.name,
          organizationName: input.organizationName,
          passwordHash,
          tokenHash: sha256Hex(token),
          expiresAt: new Date(Date.now() + SIGN_UP_LINK_HOURS * 3600 * 1000),
        },
        select: { id: true, email: true },
      });
      await enqueueJob(tx, "signup_email_send", { signUpRequestId: request.id, token }, { jobKey: signUpEmailKey(request.id) });
      return request;
    });
  });
  if (outcome.status === "throttled") {
    throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: signUpWaitMessage(outcome.retryAfterSeconds) });
  }
  return outcome.value;
}

/** Sends a sign-up request's email (the job's work). Nothing for a request that is gone or expired. */
export async function sendSignUpEmail(db: PrismaClient, { signUpRequestId, token }: { signUpRequestId: string; token: string }) {
  const request = await db.signUpRequest.findUnique({ where: { id: signUpRequestId } });
  if (!request || request.expiresAt <= new Date()) return { sent: false as const };
  const existing = await db.user.findUnique({ where: { email: request.email }, select: { id: true } });
  const message = existing
    ? {
        subject: "You already have a Leadlane account",
        text: [
          `Someone, perhaps you, tried to sign up to Leadlane with ${request.email}.`,
          "",
          `This address already has an account. Sign in: ${appUrl()}/login`,
          "",
          "If it wasn't you, you can ignore this email; nothing has changed.",
        ].join("\n"),
      }
    : {
        subject: `Confirm your email to create ${request.organizationName} on Leadlane`,
        text: [
          `Hello ${request.name},`,
          "",
          `Confirm your email to create ${request.organizationName} on Leadlane: ${signUpLink(token)}`,
          "",
          `The link works once and expires on ${request.expiresAt.toUTCString()}. If you didn't sign up, ignore this email.`,
        ].join("\n"),
      };
  const result = await getEmailProvider().send({
    organizationId: null,
    to: request.email,
    ...message,
    idempotencyKey: signUpEmailKey(request.id),
  });
  return { sent: true as const, ...result };
}

async function usableRequest(db: PrismaClient, token: string) {
  const request = await db.signUpRequest.findUnique({ where: { tokenHash: sha256Hex(token) } });
  if (!request || request.expiresAt <= new Date()) throw new TRPCError({ code: "NOT_FOUND", message: SIGN_UP_LINK_GONE });
  return request;
}

/** What the confirmation page shows (only to whoever holds the emailed link). */
export async function previewSignUp(db: PrismaClient, token: string) {
  const request = await usableRequest(db, token);
  return { email: request.email, name: request.name, organizationName: request.organizationName };
}

/**
 * Creates the account and its organization from the request behind `token`,
 * then removes every pending request for that email. An address that got an
 * account meanwhile is a CONFLICT (the link holder owns the address).
 */
export async function confirmSignUp(db: PrismaClient, token: string) {
  const request = await usableRequest(db, token);
  const created = await createAccountWithHash(
    db,
    { email: request.email, name: request.name, passwordHash: request.passwordHash },
    async (tx, user) => {
      const organization = await createOrganizationWithOwner(tx, { name: request.organizationName, ownerUserId: user.id });
      const removed = await tx.signUpRequest.deleteMany({ where: { id: request.id } });
      // Confirmed twice at once: the second finds its request gone and changes nothing.
      if (removed.count === 0) throw new TRPCError({ code: "NOT_FOUND", message: SIGN_UP_LINK_GONE });
      await tx.signUpRequest.deleteMany({ where: { email: request.email } });
      return { userId: user.id, organizationId: organization.id, organizationName: organization.name };
    },
  );
  return created;
}

/**
 * With the sandbox email provider nothing is mailed, so the "check your email"
 * page shows the browser that made the request the email it produced (found by
 * its idempotency key). Null with a real provider, or before the job has sent it.
 */
export async function sandboxSignUpEmail(db: PrismaClient, signUpRequestId: string) {
  if (providerModes().email !== "sandbox") return null;
  const externalId = `sbx_em_${idempotencyDigest(null, signUpEmailKey(signUpRequestId), 20)}`;
  return db.sandboxOutbox.findUnique({ where: { externalId }, select: { subject: true, body: true, toAddress: true } });
}
