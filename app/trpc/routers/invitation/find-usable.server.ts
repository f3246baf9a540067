// Looks an invitation up by its token and says whether it can still be used.
import { TRPCError } from "@trpc/server";
import type { PrismaClient } from "~/generated/prisma/client";
import { findInvitationByTokenHash } from "~/models/invitation.server";
import { sha256Hex } from "~/utils/crypto.server";

export type InvitationState = "valid" | "expired" | "accepted" | "revoked";

export async function findInvitationByToken(db: PrismaClient, token: string) {
  const invitation = await findInvitationByTokenHash(db, sha256Hex(token));
  if (!invitation) return null;
  const state: InvitationState = invitation.acceptedAt
    ? "accepted"
    : invitation.revokedAt
      ? "revoked"
      : invitation.expiresAt.getTime() <= Date.now()
        ? "expired"
        : "valid";
  return { ...invitation, state };
}

const UNUSABLE_MESSAGES: Record<Exclude<InvitationState, "valid">, string> = {
  accepted: "This invitation has already been used. Sign in instead, or ask for a new invitation.",
  revoked: "This invitation was withdrawn. Ask the person who invited you for a new one.",
  expired: "This invitation has expired. Ask the person who invited you for a new one.",
};

export async function findUsableInvitation(db: PrismaClient, token: string) {
  const invitation = await findInvitationByToken(db, token);
  if (!invitation) throw new TRPCError({ code: "NOT_FOUND", message: "This invitation link is not valid." });
  if (invitation.state !== "valid") {
    throw new TRPCError({ code: "PRECONDITION_FAILED", message: UNUSABLE_MESSAGES[invitation.state] });
  }
  return invitation;
}

export function invitationUnusableMessage(state: InvitationState): string | null {
  return state === "valid" ? null : UNUSABLE_MESSAGES[state];
}
