// Who may make and manage payment links: agents for their own and unassigned contacts, managers and
// above for any contact; viewers none. Another organization's contact or link is NOT_FOUND.
import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import { loadContact } from "~/trpc/routers/contact/contact-access.server";
import { can } from "~/utils/permissions";

export function canChargeContact(ctx: OrgScopedContext, contact: { ownerId: string | null }): boolean {
  if (can(ctx.org.role, "create:payment:any")) return true;
  return can(ctx.org.role, "create:payment:own") && (contact.ownerId === null || contact.ownerId === ctx.user.id);
}

export async function loadChargeableContact(ctx: OrgScopedContext, contactId: string) {
  const contact = await loadContact(ctx, contactId);
  if (!canChargeContact(ctx, contact)) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: can(ctx.org.role, "create:payment:own") ? "You can only send payment links to contacts that are yours or unassigned." : "Your role can't send payment links.",
    });
  }
  return contact;
}

/** The link in the caller's organization whose contact the caller may charge; NOT_FOUND otherwise (also another organization's id). */
export async function loadManageableLink(ctx: OrgScopedContext, id: string) {
  const link = await ctx.db.paymentLink.findFirst({ where: { organizationId: ctx.org.id, id } });
  if (!link) throw new TRPCError({ code: "NOT_FOUND", message: "That payment link doesn't exist." });
  await loadChargeableContact(ctx, link.contactId);
  return link;
}
