import type { OrgScopedContext } from "~/trpc/trpc.server";
import { countUnreadConversations } from "~/models/conversation-list.server";
import { conversationVisibility } from "~/domain/conversation/conversation-access";

/** Conversations with unread messages in each view (Mine, Unassigned, All as far as the viewer may see). */
export function inboxCountsHandler({ ctx }: { ctx: OrgScopedContext }) {
  return countUnreadConversations(ctx.db, {
    organizationId: ctx.org.id,
    viewerId: ctx.user.id,
    visibility: conversationVisibility({ role: ctx.org.role, userId: ctx.user.id }),
  });
}
