import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { ListMessageTemplatesInput } from "~/trpc/routers/message-template/list.schema";
import { listMessageTemplates } from "~/models/message-template.server";
import { messageTemplateView } from "~/trpc/routers/message-template/message-template-view";

/** The organization's templates (optionally of one channel kind), with the variables each names. */
export async function listMessageTemplatesHandler({ ctx, input }: { ctx: OrgScopedContext; input: ListMessageTemplatesInput }) {
  const templates = await listMessageTemplates(ctx.db, { organizationId: ctx.org.id, channelKind: input.channelKind });
  return templates.map(messageTemplateView);
}
