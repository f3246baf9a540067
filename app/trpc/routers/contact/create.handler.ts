import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { CreateContactInput } from "~/trpc/routers/contact/create.schema";
import { canAssignOwner } from "~/trpc/routers/contact/contact-access.server";
import { createContact } from "~/services/contact/create-contact.server";
import { userActor } from "~/services/command.server";
import { fieldErrors } from "~/domain/contact/contact-errors";
import { can } from "~/utils/permissions";

export async function createContactHandler({ ctx, input }: { ctx: OrgScopedContext; input: CreateContactInput }) {
  if (!can(ctx.org.role, "create:contact:any")) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Your role can't add contacts." });
  }
  if (!canAssignOwner(ctx, input.ownerId ?? null)) {
    throw fieldErrors({ ownerId: "You can assign contacts to yourself or leave them unassigned." });
  }
  const contact = await ctx.db.$transaction((tx) =>
    createContact(tx, { organizationId: ctx.org.id, actor: userActor(ctx.user.id) }, input),
  );
  return { id: contact.id, name: contact.name, version: contact.version };
}
