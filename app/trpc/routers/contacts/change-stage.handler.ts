import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { ChangeStageInput } from "~/trpc/routers/contacts/change-stage.schema";
import { findContactStage, setContactStageAtVersion } from "~/models/contact-list.server";
import { recordContactEvents } from "~/services/contact-events.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { changedByConflict } from "~/trpc/changed-by.server";
import { can } from "~/utils/permissions";
import { STAGE_LABELS } from "~/domain/contact/contact-labels";
import { userActor } from "~/services/command.server";

type Loaded = NonNullable<Awaited<ReturnType<typeof findContactStage>>>;

function changedMeanwhile(contact: Loaded, timeZone: string): TRPCError {
  return changedByConflict({ who: contact.updatedBy?.name, when: contact.updatedAt, what: contact.name, timeZone });
}

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
  if (input.version !== undefined && input.version !== contact.version) throw changedMeanwhile(contact, ctx.org.timeZone);
  if (contact.stage === input.stage) {
    return {
      contactId: contact.id,
      name: contact.name,
      stage: contact.stage,
      version: contact.version,
      changed: false,
      message: `${contact.name} is already in ${STAGE_LABELS[contact.stage]}.`,
    };
  }
  await ctx.db.$transaction(async (tx) => {
    const updated = await setContactStageAtVersion(tx, {
      organizationId,
      id: contact.id,
      version: contact.version,
      stage: input.stage,
      userId: ctx.user.id,
    });
    if (updated === 0) {
      const latest = await findContactStage(tx, { organizationId, id: contact.id });
      if (!latest) throw new TRPCError({ code: "NOT_FOUND", message: "Contact not found." });
      throw changedMeanwhile(latest, ctx.org.timeZone);
    }
    await recordContactEvents(tx, organizationId, userActor(ctx.user.id), [
      { contactId: contact.id, type: "STAGE_CHANGED", data: { field: "stage", before: contact.stage, after: input.stage } },
    ]);
    await publishLiveEvent(tx, organizationId, { type: "contact.changed", contactIds: [contact.id] });
  });
  return {
    contactId: contact.id,
    name: contact.name,
    stage: input.stage,
    version: contact.version + 1,
    changed: true,
    message: `Moved ${contact.name} to ${STAGE_LABELS[input.stage]}.`,
  };
}
