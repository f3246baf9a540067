import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { MergeContactsInput } from "~/domain/contact/merge.schema";
import { actorFor, loadContact } from "~/trpc/routers/contact/contact-access.server";
import { lockContacts } from "~/models/contact.server";
import { mergeContacts } from "~/services/contact/merge-contacts.server";
import { can } from "~/utils/permissions";

/**
 * Merges `duplicateId` into `survivorId`, in one transaction, keeping the
 * chosen value of each field. MANAGER+, or an agent who owns both. Both rows
 * are locked first (in id order), so a second merge of the same pair, either
 * way round, waits and then finds one of them gone (NOT_FOUND).
 */
export async function mergeContactsHandler({ ctx, input }: { ctx: OrgScopedContext; input: MergeContactsInput }) {
  const organizationId = ctx.org.id;
  return ctx.db.$transaction(async (tx) => {
    // Lock first, so ownership can't change between the check and the merge.
    await lockContacts(tx, { organizationId, ids: [input.survivorId, input.duplicateId] });
    const survivor = await loadContact(ctx, input.survivorId, tx);
    const duplicate = await loadContact(ctx, input.duplicateId, tx);
    const ownsBoth =
      can(ctx.org.role, "update:contact:own") && survivor.ownerId === ctx.user.id && duplicate.ownerId === ctx.user.id;
    if (!can(ctx.org.role, "update:contact:any") && !ownsBoth) {
      throw new TRPCError({ code: "FORBIDDEN", message: "Only managers, or an agent who owns both contacts, can merge them." });
    }
    const summary = await mergeContacts(tx, { organizationId, actor: actorFor(ctx) }, input);
    if (!summary) throw new TRPCError({ code: "NOT_FOUND", message: "Contact not found." });
    return summary;
  });
}
