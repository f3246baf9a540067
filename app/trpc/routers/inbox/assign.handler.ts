import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { AssignConversationInput } from "~/trpc/routers/inbox/assign.schema";
import { commandScope } from "~/trpc/command-scope.server";
import { assignConversation } from "~/services/conversation/assign-conversation.server";

/** Gives a conversation to a member or to nobody; the command applies who may (see assignConversation). */
export function assignConversationHandler({ ctx, input }: { ctx: OrgScopedContext; input: AssignConversationInput }) {
  return ctx.db.$transaction((tx) => assignConversation(tx, commandScope(ctx), input));
}
