import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { UpdateQuickReplyInput } from "~/trpc/routers/quick-reply/update.schema";
import { assertCanManageQuickReplies } from "~/trpc/routers/quick-reply/quick-reply-guards.server";
import { commandScope } from "~/trpc/command-scope.server";
import { updateQuickReply } from "~/services/quick-reply/update-quick-reply.server";

export async function updateQuickReplyHandler({ ctx, input }: { ctx: OrgScopedContext; input: UpdateQuickReplyInput }) {
  assertCanManageQuickReplies(ctx);
  return ctx.db.$transaction((tx) => updateQuickReply(tx, commandScope(ctx), input));
}
