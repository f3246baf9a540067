import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { CreateTagInput } from "~/trpc/routers/tag/create.schema";
import { assertCanManageTags } from "~/trpc/routers/tag/tag-guards.server";
import { commandScope } from "~/trpc/command-scope.server";
import { createTag } from "~/services/tag/create-tag.server";

export async function createTagHandler({ ctx, input }: { ctx: OrgScopedContext; input: CreateTagInput }) {
  assertCanManageTags(ctx);
  const tag = await ctx.db.$transaction((tx) => createTag(tx, commandScope(ctx), input));
  return { id: tag.id, name: tag.name, color: tag.color };
}
