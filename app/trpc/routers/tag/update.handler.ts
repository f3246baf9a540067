import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { UpdateTagInput } from "~/trpc/routers/tag/update.schema";
import { assertCanManageTags, tagNameTaken } from "~/trpc/routers/tag/tag-guards.server";
import { findTag, findTagByName, updateTag } from "~/models/tag.server";
import { isUniqueViolation } from "~/utils/prisma-errors.server";

/** Renames and/or recolors a tag. */
export async function updateTagHandler({ ctx, input }: { ctx: OrgScopedContext; input: UpdateTagInput }) {
  assertCanManageTags(ctx);
  const organizationId = ctx.org.id;
  const tag = await findTag(ctx.db, { organizationId, id: input.id });
  if (!tag) throw new TRPCError({ code: "NOT_FOUND", message: "Tag not found." });
  const sameName = await findTagByName(ctx.db, { organizationId, name: input.name });
  if (sameName && sameName.id !== tag.id) throw tagNameTaken(input.name);
  try {
    await updateTag(ctx.db, { organizationId, id: tag.id, name: input.name, color: input.color });
  } catch (error) {
    if (isUniqueViolation(error)) throw tagNameTaken(input.name);
    throw error;
  }
  return { id: tag.id, name: input.name, color: input.color, previousName: tag.name };
}
