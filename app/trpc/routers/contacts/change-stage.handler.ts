import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { ChangeStageInput } from "~/trpc/routers/contacts/change-stage.schema";
import { findContactStage } from "~/models/contact-list.server";
import { changeStage } from "~/services/contact/change-stage.server";
import { userActor } from "~/services/command.server";
import { can } from "~/utils/permissions";
import { STAGE_LABELS } from "~/domain/contact/contact-labels";

/**
 * Moves one contact to another stage (the board). Agents may move their own
 * and unassigned contacts; managers and above any contact.
 */
export async function changeStageHandler({ ctx, input }: { ctx: OrgScopedContext; input: ChangeStageInput }) {
  const organizationId = ctx.org.id;
  const contact = await findContactStage(ctx.db, { organizationId, id: input.contactId });
  if (!contact) throw new TRPCError({ code: "NOT_FOUND", message: "Contact not found." });
  const mayMove =
    can(ctx.org.role, "update:contact:any") ||
    (can(ctx.org.role, "update:contact:own") && (contact.ownerId === null || contact.ownerId === ctx.user.id));
  if (!mayMove) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: can(ctx.org.role, "update:contact:own")
        ? "You can only move contacts that are yours or unassigned."
        : "Your role can't change contacts.",
    });
  }
  const result = await ctx.db.$transaction((tx) =>
    changeStage(
      tx,
      { organizationId, actor: userActor(ctx.user.id) },
      { contactId: contact.id, stage: input.stage, expectedVersion: input.version },
    ),
  );
  return {
    contactId: result.contactId,
    name: result.name,
    stage: result.after,
    version: result.version,
    changed: result.changed,
    message: result.changed
      ? `Moved ${result.name} to ${STAGE_LABELS[result.after]}.`
      : `${result.name} is already in ${STAGE_LABELS[result.after]}.`,
  };
}
