import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { ContactIdInput } from "~/trpc/routers/contact/get.schema";
import { loadContact } from "~/trpc/routers/contact/contact-access.server";
import { startBulkAction } from "~/services/bulk-contacts.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { can } from "~/utils/permissions";

/**
 * Deletes one contact, exactly as a bulk delete of one would (the same
 * permission, statement and record of who deleted it): its timeline, notes,
 * tags, follow-ups and secondary identities go with it; its deals stay, unlinked.
 */
export async function deleteContactHandler({ ctx, input }: { ctx: OrgScopedContext; input: ContactIdInput }) {
  if (!can(ctx.org.role, "delete:contact:any")) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only managers and above can delete contacts." });
  }
  const organizationId = ctx.org.id;
  const contact = await loadContact(ctx, input.id);
  const result = await startBulkAction(ctx.db, {
    organizationId,
    userId: ctx.user.id,
    command: { action: "delete", params: { expectedCount: 1 } },
    selection: { ids: [contact.id] },
  });
  if (result.changed === 0) throw new TRPCError({ code: "NOT_FOUND", message: "Contact not found." });
  await publishLiveEvent(ctx.db, organizationId, { type: "contact.changed", contactIds: [contact.id] });
  return { id: contact.id, name: contact.name };
}
