import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { CreateTagInput } from "~/trpc/routers/tag/create.schema";
import { assertCanManageTags, tagNameTaken } from "~/trpc/routers/tag/tag-guards.server";
import { findTagByName, insertTag } from "~/models/tag.server";
import { isUniqueViolation } from "~/utils/prisma-errors.server";

export async function createTagHandler({ ctx, input }: { ctx: OrgScopedContext; input: CreateTagInput }) {
  assertCanManageTags(ctx);
  if (await findTagByName(ctx.db, { organizationId: ctx.org.id, name: input.name })) throw tagNameTaken(input.name);
  try {
    const tag = await insertTag(ctx.db, { organizationId: ctx.org.id, name: input.name, color: input.color });
    return { id: tag.id, name: tag.name, color: tag.color };
  } catch (error) {
    if (isUniqueViolation(error)) throw tagNameTaken(input.name);
    throw error;
  }
}
