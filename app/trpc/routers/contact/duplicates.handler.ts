import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { ContactIdInput } from "~/trpc/routers/contact/get.schema";
import { loadContact } from "~/trpc/routers/contact/contact-access.server";
import { listPossibleDuplicates } from "~/models/contact.server";
import { can } from "~/utils/permissions";

/** Other contacts with the same email or the same last 10 phone digits, and whether the caller may merge each. */
export async function duplicatesHandler({ ctx, input }: { ctx: OrgScopedContext; input: ContactIdInput }) {
  const contact = await loadContact(ctx, input.id);
  const rows = await listPossibleDuplicates(ctx.db, {
    organizationId: ctx.org.id,
    id: contact.id,
    phone: contact.phone,
    email: contact.email,
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    phone: row.phone,
    email: row.email,
    createdAt: row.createdAt,
    matchedOn: contact.email && row.email === contact.email ? ("email" as const) : ("phone" as const),
    canMerge:
      can(ctx.org.role, "update:contact:any") ||
      (can(ctx.org.role, "update:contact:own") && row.ownerId === ctx.user.id && contact.ownerId === ctx.user.id),
  }));
}
