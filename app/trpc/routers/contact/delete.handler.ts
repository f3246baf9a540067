import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { ContactIdInput } from "~/trpc/routers/contact/get.schema";
import { actorFor } from "~/trpc/routers/contact/contact-access.server";
import { deleteContact } from "~/services/contact/delete-contact.server";
import { can } from "~/utils/permissions";

/** Deletes one contact, exactly as a bulk delete of one would (see deleteContact). */
export async function deleteContactHandler({ ctx, input }: { ctx: OrgScopedContext; input: ContactIdInput }) {
  if (!can(ctx.org.role, "delete:contact:any")) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only managers and above can delete contacts." });
  }
  return ctx.db.$transaction((tx) => deleteContact(tx, { organizationId: ctx.org.id, actor: actorFor(ctx) }, { contactId: input.id }), {
    timeout: 30_000,
    maxWait: 10_000,
  });
}
