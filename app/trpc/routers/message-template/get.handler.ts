import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { GetMessageTemplateInput } from "~/trpc/routers/message-template/get.schema";
import { findMessageTemplateById } from "~/models/message-template.server";
import { messageTemplateNotFound } from "~/services/message-template/message-template-errors.server";
import { messageTemplateView } from "~/trpc/routers/message-template/message-template-view";

export async function getMessageTemplateHandler({ ctx, input }: { ctx: OrgScopedContext; input: GetMessageTemplateInput }) {
  const template = await findMessageTemplateById(ctx.db, { organizationId: ctx.org.id, id: input.id });
  if (!template) throw messageTemplateNotFound();
  return messageTemplateView(template);
}
