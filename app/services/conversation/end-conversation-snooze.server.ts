// A snoozed conversation's time is up: it is open again. Only a conversation still snoozed until that
// very time is opened (one reopened by hand or by a customer's message, or snoozed again, is left
// alone); the contact's timeline says so, the open inboxes and chats hear of it, and the assignee is
// told "… is open again" (one unread notification per conversation, as for its messages).
import type { CommandContext, CommandTx } from "~/services/command.server";
import { recordContactEvents } from "~/services/contact-events.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { notify } from "~/services/notification/notify.server";
import { conversationUrl } from "~/services/conversation/conversation-assignment.server";
import { findConversationForChat, openSnoozedConversation } from "~/models/conversation-chat.server";
import { organizationTimeZone } from "~/models/organization.server";
import { CHANNEL_KIND_LABELS } from "~/domain/channel/channel-fields.schema";
import { conversationCoalesceKey, NOTIFICATION_KINDS } from "~/domain/notification/notification";
import { formatDateTime, now, timeZoneName } from "~/utils/clock";

/** Who the timeline names for a snooze that ran out. */
export const SNOOZE_ACTOR_LABEL = "Snooze timer";

export type EndedSnooze = { opened: boolean; notifiedUserId: string | null };

export async function endConversationSnooze(
  tx: CommandTx,
  { organizationId, actor }: CommandContext,
  { conversationId, snoozedUntil }: { conversationId: string; snoozedUntil: Date },
): Promise<EndedSnooze> {
  const nothing: EndedSnooze = { opened: false, notifiedUserId: null };
  // Not due yet (a clock behind the queue's): the job is retried later.
  if (snoozedUntil.getTime() > now().getTime()) throw new Error(`The snooze of conversation ${conversationId} ends at ${snoozedUntil.toISOString()}, not yet.`);
  const conversation = await findConversationForChat(tx, { organizationId, id: conversationId });
  if (!conversation || conversation.status !== "SNOOZED" || conversation.snoozedUntil?.getTime() !== snoozedUntil.getTime()) return nothing;
  if (!(await openSnoozedConversation(tx, { organizationId, id: conversationId, snoozedUntil }))) return nothing;

  await recordContactEvents(tx, organizationId, actor, [
    {
      contactId: conversation.contactId,
      type: "CONVERSATION_STATUS_CHANGED",
      data: { conversationId, channel: conversation.channel.kind, before: "SNOOZED", after: "OPEN", snoozeEnded: true },
    },
  ]);
  await publishLiveEvent(tx, organizationId, { type: "conversation.changed", conversationId, contactId: conversation.contactId });
  if (!conversation.assigneeId) return { opened: true, notifiedUserId: null };
  const timeZone = await organizationTimeZone(tx, { organizationId });
  await notify(tx, {
    organizationId,
    userId: conversation.assigneeId,
    kind: NOTIFICATION_KINDS.CONVERSATION_SNOOZE_ENDED,
    title: `${conversation.contact.name}'s ${CHANNEL_KIND_LABELS[conversation.channel.kind]} conversation is open again`,
    body: `It was snoozed until ${formatDateTime(snoozedUntil, timeZone)} ${timeZoneName(snoozedUntil, timeZone)}.`,
    url: conversationUrl(conversationId),
    coalesceKey: conversationCoalesceKey(conversationId),
  });
  return { opened: true, notifiedUserId: conversation.assigneeId };
}
