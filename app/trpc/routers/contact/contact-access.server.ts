// Who may change which contact: AGENTs their own and unassigned contacts,
// MANAGERs and above any contact, VIEWERs none.
import { TRPCError } from "@trpc/server";
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import { findContact } from "~/models/contact.server";
import { can } from "~/utils/permissions";
import { userActor } from "~/services/command.server";

type Tx = Prisma.TransactionClient | PrismaClient;

export function canEditContact(ctx: OrgScopedContext, contact: { ownerId: string | null }): boolean {
  if (can(ctx.org.role, "update:contact:any")) return true;
  return can(ctx.org.role, "update:contact:own") && (contact.ownerId === null || contact.ownerId === ctx.user.id);
}

export function assertCanEditContact(ctx: OrgScopedContext, contact: { ownerId: string | null }) {
  if (!canEditContact(ctx, contact)) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: can(ctx.org.role, "update:contact:own")
        ? "You can only change contacts that are yours or unassigned."
        : "Your role can't change contacts.",
    });
  }
}

/** The contact in the caller's organization, or NOT_FOUND (also for another organization's id). */
export async function loadContact(ctx: OrgScopedContext, id: string, db: Tx = ctx.db) {
  const contact = await findContact(db, { organizationId: ctx.org.id, id });
  if (!contact) throw new TRPCError({ code: "NOT_FOUND", message: "Contact not found." });
  return contact;
}

/** Loads the contact and checks the caller may change it. */
export async function loadEditableContact(ctx: OrgScopedContext, id: string, db: Tx = ctx.db) {
  const contact = await loadContact(ctx, id, db);
  assertCanEditContact(ctx, contact);
  return contact;
}

/** Agents may give a contact only to themselves or to nobody; managers to anyone in the organization. */
export function canAssignOwner(ctx: OrgScopedContext, ownerId: string | null): boolean {
  return can(ctx.org.role, "update:contact:any") || ownerId === null || ownerId === ctx.user.id;
}

/** What the person may do on a contact page, for the UI (the server still decides). */
export function contactPermissions(ctx: OrgScopedContext, contact: { ownerId: string | null }) {
  return {
    canEdit: canEditContact(ctx, contact),
    canAssignAnyone: can(ctx.org.role, "update:contact:any"),
    canMergeAny: can(ctx.org.role, "update:contact:any"),
    canDelete: can(ctx.org.role, "delete:contact:any"),
  };
}

export function actorFor(ctx: OrgScopedContext) {
  return userActor(ctx.user.id);
}
