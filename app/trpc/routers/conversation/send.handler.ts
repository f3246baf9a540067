import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { SendConversationMessageInput } from "~/trpc/routers/conversation/send.schema";
import { conversationNotFound, conversationViewer, findWorkableConversation } from "~/trpc/routers/conversation/conversation-guards.server";
import { commandScope } from "~/trpc/command-scope.server";
import { sendMessage } from "~/services/conversation/send-message.server";
import { canSeeConversation, canWorkConversation } from "~/domain/conversation/conversation-access";
import { findContactChannelConversation } from "~/models/conversation-chat.server";
import { can } from "~/utils/permissions";

/**
 * Sends text, a template or an internal note in a conversation, or starts one with a contact on a
 * channel. The caller must be allowed to work the conversation (a new one: any member who may reply).
 */
export async function sendConversationMessageHandler({ ctx, input }: { ctx: OrgScopedContext; input: SendConversationMessageInput }) {
  if ("conversationId" in input && input.conversationId) {
    await findWorkableConversation(ctx, input.conversationId);
  } else if ("contactId" in input) {
    const existing = await findContactChannelConversation(ctx.db, { organizationId: ctx.org.id, contactId: input.contactId, channelId: input.channelId });
    const viewer = conversationViewer(ctx);
    if (existing && !canSeeConversation(viewer, existing)) throw conversationNotFound();
    if (existing ? !canWorkConversation(viewer, existing) : !can(ctx.org.role, "update:conversation:own")) {
      throw new TRPCError({ code: "FORBIDDEN", message: "Your role can read conversations but not send messages." });
    }
  }
  return ctx.db.$transaction((tx) => sendMessage(tx, commandScope(ctx), input));
}
