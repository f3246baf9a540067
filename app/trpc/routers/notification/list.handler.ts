import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { ListNotificationsInput } from "~/trpc/routers/notification/list.schema";
import { listNotifications } from "~/models/notification.server";
import { encodeNotificationCursor, NOTIFICATION_PAGE_SIZE } from "~/domain/notification/notification";

/** The caller's own notifications in this organization, newest first (keyset). */
export async function listNotificationsHandler({ ctx, input }: { ctx: OrgScopedContext; input: ListNotificationsInput }) {
  const rows = await listNotifications(ctx.db, { organizationId: ctx.org.id, userId: ctx.user.id, cursor: input.cursor, take: NOTIFICATION_PAGE_SIZE + 1 });
  const page = rows.slice(0, NOTIFICATION_PAGE_SIZE);
  const last = page[page.length - 1];
  return {
    items: page,
    nextCursor: rows.length > NOTIFICATION_PAGE_SIZE && last ? encodeNotificationCursor({ updatedAt: last.updatedAt, id: last.id }) : null,
  };
}
