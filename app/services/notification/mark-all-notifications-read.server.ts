// A member clears their bell: every unread notification of theirs is marked read.
import type { CommandTx } from "~/services/command.server";
import { markAllNotificationsRead as markRows } from "~/models/notification.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { now } from "~/utils/clock";

export async function markAllNotificationsRead(
  tx: CommandTx,
  { organizationId, userId }: { organizationId: string; userId: string },
): Promise<{ marked: number }> {
  const marked = await markRows(tx, { organizationId, userId, at: now() });
  if (marked > 0) await publishLiveEvent(tx, organizationId, { type: "notification.changed", notificationId: null, userId });
  return { marked };
}
