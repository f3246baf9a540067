import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { BulkRunInput } from "~/domain/bulk/bulk-run.schema";
import type { ResolvedBulkCommand } from "~/domain/bulk/bulk-command";
import { resolveSelection } from "~/trpc/routers/bulk/bulk-selection.server";
import { startBulkAction } from "~/services/bulk-contacts.server";
import { ensureTags } from "~/models/tag.server";
import { can } from "~/utils/permissions";

/** Looks up the tag or owner the action names, in the caller's organization only. */
async function resolveCommand(ctx: OrgScopedContext, input: BulkRunInput): Promise<ResolvedBulkCommand> {
  const organizationId = ctx.org.id;
  switch (input.action) {
    case "addTag":
    case "removeTag": {
      const tagName = "tagName" in input.params ? input.params.tagName : undefined;
      const tag = input.params.tagId
        ? await ctx.db.tag.findFirst({ where: { id: input.params.tagId, organizationId }, select: { id: true, name: true } })
        : tagName
          ? ((await ensureTags(ctx.db, { organizationId, names: [tagName] }))[0] ?? null)
          : null;
      if (!tag) throw new TRPCError({ code: "NOT_FOUND", message: "Tag not found." });
      return { action: input.action, params: { tagId: tag.id, tagName: tag.name } };
    }
    case "assignOwner": {
      if (input.params.ownerId === null) return { action: "assignOwner", params: { ownerId: null, ownerName: null } };
      const member = await ctx.db.membership.findUnique({
        where: { organizationId_userId: { organizationId, userId: input.params.ownerId } },
        select: { user: { select: { id: true, name: true } } },
      });
      if (!member) throw new TRPCError({ code: "NOT_FOUND", message: "That person is not a member of this organization." });
      return { action: "assignOwner", params: { ownerId: member.user.id, ownerName: member.user.name } };
    }
    case "changeStage":
      return { action: "changeStage", params: input.params };
    case "changeTemperature":
      return { action: "changeTemperature", params: input.params };
    case "delete":
      return { action: "delete", params: input.params };
  }
}

/**
 * Applies an action to some contacts or to all matching a filter. Managers and
 * above (deleting needs delete:contact:any); small selections at once, large
 * ones as a job (see app/services/bulk-contacts.server.ts).
 */
export async function runBulkHandler({ ctx, input }: { ctx: OrgScopedContext; input: BulkRunInput }) {
  const permission = input.action === "delete" ? "delete:contact:any" : "update:contact:any";
  if (!can(ctx.org.role, permission)) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message:
        input.action === "delete"
          ? "Only managers and above can delete contacts in bulk."
          : "Only managers and above can change contacts in bulk.",
    });
  }
  const selection = await resolveSelection(ctx, input.selection);
  const command = await resolveCommand(ctx, input);
  return startBulkAction(ctx.db, { organizationId: ctx.org.id, userId: ctx.user.id, command, selection });
}
