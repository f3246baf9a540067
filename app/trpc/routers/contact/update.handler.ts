import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { UpdateContactInput } from "~/trpc/routers/contact/update.schema";
import { assertCanEditContact, canAssignOwner, loadContact } from "~/trpc/routers/contact/contact-access.server";
import { changedByConflict } from "~/trpc/changed-by.server";
import { updateContact } from "~/services/contact/update-contact.server";
import { userActor } from "~/services/command.server";
import { fieldErrors } from "~/domain/contact/contact-errors";

export async function updateContactHandler({ ctx, input }: { ctx: OrgScopedContext; input: UpdateContactInput }) {
  const result = await ctx.db.$transaction(async (tx) => {
    const contact = await loadContact(ctx, input.id, tx);
    assertCanEditContact(ctx, contact);
    if (input.ownerId !== undefined && input.ownerId !== contact.ownerId && !canAssignOwner(ctx, input.ownerId)) {
      throw fieldErrors({ ownerId: "You can assign contacts to yourself or leave them unassigned." });
    }
    return updateContact(tx, { organizationId: ctx.org.id, actor: userActor(ctx.user.id) }, input);
  });
  switch (result.outcome) {
    case "not-found":
      throw new TRPCError({ code: "NOT_FOUND", message: "Contact not found." });
    case "conflict":
      // "Changed by Aisha Khan at 22 Nov 2026, 3:04 pm IST — reload to see their changes".
      throw changedByConflict({ who: result.who, when: result.when, timeZone: ctx.org.timeZone });
    default:
      return { id: result.id, version: result.version, changed: result.changed };
  }
}
