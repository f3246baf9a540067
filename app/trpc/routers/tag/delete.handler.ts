import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { DeleteTagInput } from "~/trpc/routers/tag/delete.schema";
import { assertCanManageTags } from "~/trpc/routers/tag/tag-guards.server";
import { commandScope } from "~/trpc/command-scope.server";
import { deleteTag } from "~/services/tag/delete-tag.server";

/** Deletes a tag and takes it off every contact (each timeline records the removal). */
export async function deleteTagHandler({ ctx, input }: { ctx: OrgScopedContext; input: DeleteTagInput }) {
  assertCanManageTags(ctx);
  return ctx.db.$transaction((tx) => deleteTag(tx, commandScope(ctx), input));
}
