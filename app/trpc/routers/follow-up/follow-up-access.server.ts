// Who may close a follow-up: its assignee, anyone who may change its contact, a manager.
import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import { canEditContact } from "~/trpc/routers/contact/contact-access.server";
import { loadFollowUp } from "~/services/follow-up/follow-up-refs.server";

export async function assertCanCloseFollowUp(ctx: OrgScopedContext, id: string) {
  const followUp = await loadFollowUp(ctx.db, { organizationId: ctx.org.id, id });
  if (followUp.assigneeId !== ctx.user.id && !canEditContact(ctx, followUp.contact)) {
    throw new TRPCError({ code: "FORBIDDEN", message: "This follow-up belongs to someone else." });
  }
}
