import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { DuplicatesInput } from "~/trpc/routers/contact/duplicates.schema";
import { loadContact } from "~/trpc/routers/contact/contact-access.server";
import { listContactIdentities, listPossibleDuplicates } from "~/models/contact-duplicates.server";
import { can } from "~/utils/permissions";

/**
 * Other contacts that may be the same person: the same last 10 phone digits or
 * the same email (their own or a secondary one, against this contact's own and
 * secondary ones), optionally a similar name; and whether the caller may merge each.
 */
export async function duplicatesHandler({ ctx, input }: { ctx: OrgScopedContext; input: DuplicatesInput }) {
  const organizationId = ctx.org.id;
  const contact = await loadContact(ctx, input.id);
  const identities = await listContactIdentities(ctx.db, { organizationId, contactId: contact.id });
  const rows = await listPossibleDuplicates(ctx.db, {
    organizationId,
    id: contact.id,
    phones: [...(contact.phone ? [contact.phone] : []), ...identities.filter((i) => i.kind === "PHONE").map((i) => i.value)],
    emails: [...(contact.email ? [contact.email] : []), ...identities.filter((i) => i.kind === "EMAIL").map((i) => i.value)],
    name: contact.name,
    similarNames: input.similarNames,
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    phone: row.phone,
    email: row.email,
    createdAt: row.createdAt,
    matchedOn: row.matchedOn,
    similarity: row.similarity,
    canMerge:
      can(ctx.org.role, "update:contact:any") ||
      (can(ctx.org.role, "update:contact:own") && row.ownerId === ctx.user.id && contact.ownerId === ctx.user.id),
  }));
}
