import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { CreateMessageTemplateInput } from "~/trpc/routers/message-template/create.schema";
import { assertCanManageMessageTemplates } from "~/trpc/routers/message-template/message-template-guards.server";
import { messageTemplateView } from "~/trpc/routers/message-template/message-template-view";
import { commandScope } from "~/trpc/command-scope.server";
import { createMessageTemplate } from "~/services/message-template/create-message-template.server";

export async function createMessageTemplateHandler({ ctx, input }: { ctx: OrgScopedContext; input: CreateMessageTemplateInput }) {
  assertCanManageMessageTemplates(ctx);
  return messageTemplateView(await ctx.db.$transaction((tx) => createMessageTemplate(tx, commandScope(ctx), input)));
}
