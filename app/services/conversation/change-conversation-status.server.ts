// Changing a conversation's status: open, pending, resolved, or snoozed until a time in the future
// (a `datetime-local` value read in the organization's time zone, or an ISO time with its offset).
// Writes the status, the contact's timeline and the live event in the caller's transaction; the
// same status again changes nothing (a new snooze time is a change). A snooze schedules the job that
// reopens the conversation at its end (a new snooze replaces it, any other status cancels it).
import { TRPCError } from "@trpc/server";
import type { SetConversationStatusInput } from "~/domain/conversation/conversation-status";
import { MAX_SNOOZE_DAYS } from "~/domain/conversation/conversation-status";
import { findConversationForChat, updateConversationStatus } from "~/models/conversation-chat.server";
import { organizationTimeZone } from "~/models/organization.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { recordContactEvents } from "~/services/contact-events.server";
import { fieldError } from "~/services/field-error.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { cancelSnoozeEnd, scheduleSnoozeEnd } from "~/services/conversation/conversation-snooze-job.server";
import { formatDateTime, now, parseLocalDateTime, timeZoneName } from "~/utils/clock";

const DAY_MS = 24 * 60 * 60 * 1000;

async function snoozeEnd(tx: CommandTx, organizationId: string, value: string | undefined): Promise<Date> {
  if (!value) throw fieldError("BAD_REQUEST", "snoozeUntil", "Choose when the snooze ends.");
  const timeZone = await organizationTimeZone(tx, { organizationId });
  const until = parseLocalDateTime(value, timeZone);
  if (!until) throw fieldError("BAD_REQUEST", "snoozeUntil", "Enter the snooze's end as a date and time, such as 2026-12-04T10:00.");
  const at = now();
  if (until.getTime() <= at.getTime()) {
    const shown = `${formatDateTime(at, timeZone)} ${timeZoneName(at, timeZone)}`;
    throw fieldError("BAD_REQUEST", "snoozeUntil", `Choose a time after now (${shown}): a snooze ends in the future.`);
  }
  if (until.getTime() - at.getTime() > MAX_SNOOZE_DAYS * DAY_MS) {
    throw fieldError("BAD_REQUEST", "snoozeUntil", `A conversation can be snoozed for at most ${MAX_SNOOZE_DAYS} days.`);
  }
  return until;
}

export type ChangedConversationStatus = { changed: boolean; status: SetConversationStatusInput["status"]; snoozedUntil: Date | null };

export async function changeConversationStatus(
  tx: CommandTx,
  { organizationId, actor }: CommandContext,
  input: SetConversationStatusInput,
): Promise<ChangedConversationStatus> {
  const conversation = await findConversationForChat(tx, { organizationId, id: input.id });
  if (!conversation) throw new TRPCError({ code: "NOT_FOUND", message: "Conversation not found." });
  const snoozedUntil = input.status === "SNOOZED" ? await snoozeEnd(tx, organizationId, input.snoozeUntil) : null;
  const same = conversation.status === input.status && (conversation.snoozedUntil?.getTime() ?? null) === (snoozedUntil?.getTime() ?? null);
  if (same) return { changed: false, status: input.status, snoozedUntil };

  await updateConversationStatus(tx, { organizationId, id: conversation.id, status: input.status, snoozedUntil });
  if (snoozedUntil) await scheduleSnoozeEnd(tx, { organizationId, conversationId: conversation.id, snoozedUntil });
  else if (conversation.status === "SNOOZED") await cancelSnoozeEnd(tx, { conversationId: conversation.id });
  await recordContactEvents(tx, organizationId, actor, [
    {
      contactId: conversation.contactId,
      type: "CONVERSATION_STATUS_CHANGED",
      data: {
        conversationId: conversation.id,
        channel: conversation.channel.kind,
        before: conversation.status,
        after: input.status,
        ...(snoozedUntil ? { snoozedUntil: snoozedUntil.toISOString() } : {}),
      },
    },
  ]);
  await publishLiveEvent(tx, organizationId, { type: "conversation.changed", conversationId: conversation.id, contactId: conversation.contactId });
  return { changed: true, status: input.status, snoozedUntil };
}
