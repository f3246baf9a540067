import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { DeleteQuickReplyInput } from "~/trpc/routers/quick-reply/delete.schema";
import { assertCanManageQuickReplies } from "~/trpc/routers/quick-reply/quick-reply-guards.server";
import { commandScope } from "~/trpc/command-scope.server";
import { deleteQuickReply } from "~/services/quick-reply/delete-quick-reply.server";

export async function deleteQuickReplyHandler({ ctx, input }: { ctx: OrgScopedContext; input: DeleteQuickReplyInput }) {
  assertCanManageQuickReplies(ctx);
  return ctx.db.$transaction((tx) => deleteQuickReply(tx, commandScope(ctx), input));
}
