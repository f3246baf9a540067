import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { MarkConversationReadInput } from "~/trpc/routers/conversation/mark-read.schema";
import { findWorkableConversation } from "~/trpc/routers/conversation/conversation-guards.server";
import { commandScope } from "~/trpc/command-scope.server";
import { markConversationRead } from "~/services/conversation/mark-conversation-read.server";

export async function markConversationReadHandler({ ctx, input }: { ctx: OrgScopedContext; input: MarkConversationReadInput }) {
  const conversation = await findWorkableConversation(ctx, input.id);
  return ctx.db.$transaction((tx) => markConversationRead(tx, commandScope(ctx), conversation));
}
