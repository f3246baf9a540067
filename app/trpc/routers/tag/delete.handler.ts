import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { DeleteTagInput } from "~/trpc/routers/tag/delete.schema";
import { assertCanManageTags } from "~/trpc/routers/tag/tag-guards.server";
import { deleteTag } from "~/models/tag.server";

/** Deletes a tag and takes it off every contact (each timeline records the removal). */
export async function deleteTagHandler({ ctx, input }: { ctx: OrgScopedContext; input: DeleteTagInput }) {
  assertCanManageTags(ctx);
  const organizationId = ctx.org.id;
  const result = await ctx.db.$transaction((tx) =>
    deleteTag(tx, { organizationId, id: input.id, actorId: ctx.user.id, actorLabel: null }),
  );
  if (!result) throw new TRPCError({ code: "NOT_FOUND", message: "Tag not found." });
  return { id: result.tag.id, name: result.tag.name, removedFrom: result.removedFrom };
}
