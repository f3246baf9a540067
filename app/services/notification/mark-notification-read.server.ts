// A member reads one of their notifications: it is marked read (once) and their other tabs are told.
// Someone else's notification, or another organization's, is not found.
import { TRPCError } from "@trpc/server";
import type { CommandTx } from "~/services/command.server";
import { markNotificationRead as markRow } from "~/models/notification.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { now } from "~/utils/clock";

export async function markNotificationRead(
  tx: CommandTx,
  { organizationId, userId }: { organizationId: string; userId: string },
  { id }: { id: string },
): Promise<{ id: string; url: string }> {
  const row = await markRow(tx, { organizationId, userId, id, at: now() });
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "Notification not found." });
  if (row.changed) await publishLiveEvent(tx, organizationId, { type: "notification.changed", notificationId: row.id, userId });
  return { id: row.id, url: row.url };
}
