import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { GetConversationInput } from "~/trpc/routers/conversation/get.schema";
import { findVisibleConversation, whyCannotWork } from "~/trpc/routers/conversation/conversation-guards.server";
import { findConsent } from "~/models/contact.server";
import { listConversationAssignees } from "~/models/conversation-assignment.server";
import { assignChoiceFor } from "~/domain/conversation/conversation-access";
import { isWhatsappWindowOpen, whatsappWindowClosesAt } from "~/domain/conversation/whatsapp-window";
import { now } from "~/utils/clock";

/**
 * One conversation as the chat's header and composer need it: status, contact, channel, WhatsApp's
 * window (open, and when it closes or closed), the contact's consent on the channel, and whether
 * the caller may reply (with the reason when not), and what their assign control offers.
 */
export async function getConversationHandler({ ctx, input }: { ctx: OrgScopedContext; input: GetConversationInput }) {
  const conversation = await findVisibleConversation(ctx, input.id);
  const consent = await findConsent(ctx.db, { organizationId: ctx.org.id, contactId: conversation.contactId, channel: conversation.channel.kind });
  const at = now();
  const whatsapp = conversation.channel.kind === "WHATSAPP";
  const cannotWork = whyCannotWork(ctx, conversation);
  const assign = assignChoiceFor({ role: ctx.org.role, userId: ctx.user.id }, conversation);
  const assignees = assign === "any" ? await listConversationAssignees(ctx.db, { organizationId: ctx.org.id }) : [];
  return {
    conversation: {
      id: conversation.id,
      status: conversation.status,
      snoozedUntil: conversation.snoozedUntil,
      lastMessageAt: conversation.lastMessageAt,
      lastInboundAt: conversation.lastInboundAt,
      unreadCount: conversation.unreadCount,
      assignee: conversation.assignee,
    },
    contact: conversation.contact,
    channel: conversation.channel,
    window: whatsapp
      ? { applies: true as const, open: isWhatsappWindowOpen(conversation.lastInboundAt, at), closesAt: whatsappWindowClosesAt(conversation.lastInboundAt) }
      : { applies: false as const, open: true, closesAt: null },
    consent: consent ? { status: consent.status, changedAt: consent.changedAt, source: consent.source } : null,
    assign,
    assignees: assignees.map((member) => ({ userId: member.userId, name: member.name, available: member.available })),
    canWork: cannotWork === null,
    cannotWorkReason: cannotWork,
    now: at,
  };
}
