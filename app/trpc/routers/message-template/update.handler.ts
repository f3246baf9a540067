import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { UpdateMessageTemplateInput } from "~/trpc/routers/message-template/update.schema";
import { assertCanManageMessageTemplates } from "~/trpc/routers/message-template/message-template-guards.server";
import { messageTemplateView } from "~/trpc/routers/message-template/message-template-view";
import { commandScope } from "~/trpc/command-scope.server";
import { updateMessageTemplate } from "~/services/message-template/update-message-template.server";

export async function updateMessageTemplateHandler({ ctx, input }: { ctx: OrgScopedContext; input: UpdateMessageTemplateInput }) {
  assertCanManageMessageTemplates(ctx);
  return messageTemplateView(await ctx.db.$transaction((tx) => updateMessageTemplate(tx, commandScope(ctx), input)));
}
