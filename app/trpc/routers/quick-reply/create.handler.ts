import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { CreateQuickReplyInput } from "~/trpc/routers/quick-reply/create.schema";
import { assertCanManageQuickReplies } from "~/trpc/routers/quick-reply/quick-reply-guards.server";
import { commandScope } from "~/trpc/command-scope.server";
import { createQuickReply } from "~/services/quick-reply/create-quick-reply.server";

export async function createQuickReplyHandler({ ctx, input }: { ctx: OrgScopedContext; input: CreateQuickReplyInput }) {
  assertCanManageQuickReplies(ctx);
  return ctx.db.$transaction((tx) => createQuickReply(tx, commandScope(ctx), input));
}
