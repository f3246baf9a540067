import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { DeleteMessageTemplateInput } from "~/trpc/routers/message-template/delete.schema";
import { assertCanManageMessageTemplates } from "~/trpc/routers/message-template/message-template-guards.server";
import { commandScope } from "~/trpc/command-scope.server";
import { deleteMessageTemplate } from "~/services/message-template/delete-message-template.server";

export async function deleteMessageTemplateHandler({ ctx, input }: { ctx: OrgScopedContext; input: DeleteMessageTemplateInput }) {
  assertCanManageMessageTemplates(ctx);
  return ctx.db.$transaction((tx) => deleteMessageTemplate(tx, commandScope(ctx), input));
}
