// The access rule for one conversation, as the procedures apply it: a conversation the caller may
// not see is NOT_FOUND (never FORBIDDEN, so ids do not leak); one they see but may not work is
// FORBIDDEN, with words.
import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import { canSeeConversation, canWorkConversation } from "~/domain/conversation/conversation-access";
import { findConversationForChat, type ChatConversation } from "~/models/conversation-chat.server";
import { can } from "~/utils/permissions";

export function conversationViewer(ctx: OrgScopedContext) {
  return { role: ctx.org.role, userId: ctx.user.id };
}

export function conversationNotFound() {
  return new TRPCError({ code: "NOT_FOUND", message: "Conversation not found." });
}

/** Why the caller may not reply to or change a conversation they can see; null when they may. */
export function whyCannotWork(ctx: OrgScopedContext, conversation: { assigneeId: string | null; assignee?: { name: string } | null }): string | null {
  if (canWorkConversation(conversationViewer(ctx), conversation)) return null;
  if (!can(ctx.org.role, "update:conversation:own")) return "Viewers can read conversations but not reply to them or change them.";
  const who = conversation.assignee?.name ?? "another member";
  return `This conversation is assigned to ${who}; only they or a manager can reply or change it.`;
}

export async function findVisibleConversation(ctx: OrgScopedContext, id: string): Promise<ChatConversation> {
  const conversation = await findConversationForChat(ctx.db, { organizationId: ctx.org.id, id });
  if (!conversation || !canSeeConversation(conversationViewer(ctx), conversation)) throw conversationNotFound();
  return conversation;
}

export async function findWorkableConversation(ctx: OrgScopedContext, id: string): Promise<ChatConversation> {
  const conversation = await findVisibleConversation(ctx, id);
  const why = whyCannotWork(ctx, conversation);
  if (why) throw new TRPCError({ code: "FORBIDDEN", message: why });
  return conversation;
}
