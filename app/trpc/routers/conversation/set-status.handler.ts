import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { SetConversationStatusInput } from "~/trpc/routers/conversation/set-status.schema";
import { findWorkableConversation } from "~/trpc/routers/conversation/conversation-guards.server";
import { commandScope } from "~/trpc/command-scope.server";
import { changeConversationStatus } from "~/services/conversation/change-conversation-status.server";

export async function setConversationStatusHandler({ ctx, input }: { ctx: OrgScopedContext; input: SetConversationStatusInput }) {
  await findWorkableConversation(ctx, input.id);
  return ctx.db.$transaction((tx) => changeConversationStatus(tx, commandScope(ctx), input));
}
