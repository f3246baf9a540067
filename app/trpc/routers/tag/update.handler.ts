import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { UpdateTagInput } from "~/trpc/routers/tag/update.schema";
import { assertCanManageTags } from "~/trpc/routers/tag/tag-guards.server";
import { commandScope } from "~/trpc/command-scope.server";
import { updateTag } from "~/services/tag/update-tag.server";

/** Renames and/or recolors a tag. */
export async function updateTagHandler({ ctx, input }: { ctx: OrgScopedContext; input: UpdateTagInput }) {
  assertCanManageTags(ctx);
  return ctx.db.$transaction((tx) => updateTag(tx, commandScope(ctx), input));
}
