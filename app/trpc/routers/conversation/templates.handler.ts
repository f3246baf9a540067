import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { ConversationTemplatesInput } from "~/trpc/routers/conversation/templates.schema";
import { findVisibleConversation } from "~/trpc/routers/conversation/conversation-guards.server";
import { listApprovedTemplates } from "~/models/message-template.server";
import { templateVariableNames } from "~/domain/conversation/message-template";

/** The approved templates the composer offers for this conversation's channel, each with its variables. */
export async function conversationTemplatesHandler({ ctx, input }: { ctx: OrgScopedContext; input: ConversationTemplatesInput }) {
  const conversation = await findVisibleConversation(ctx, input.id);
  const templates = await listApprovedTemplates(ctx.db, { organizationId: ctx.org.id, channelKind: conversation.channel.kind });
  return templates.map((template) => ({ ...template, variables: templateVariableNames(template.body) }));
}
