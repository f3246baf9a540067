import { orgProcedure, router } from "~/trpc/trpc.server";
import { listNotificationsSchema } from "~/trpc/routers/notification/list.schema";
import { listNotificationsHandler } from "~/trpc/routers/notification/list.handler";
import { markNotificationReadSchema } from "~/trpc/routers/notification/mark-read.schema";
import { markNotificationReadHandler } from "~/trpc/routers/notification/mark-read.handler";
import { countUnreadNotifications } from "~/models/notification.server";
import { markAllNotificationsRead } from "~/services/notification/mark-all-notifications-read.server";

/** A member's own notifications; nobody ever reads or marks another's. */
export const notificationRouter = router({
  list: orgProcedure("VIEWER").input(listNotificationsSchema).query(listNotificationsHandler),
  unreadCount: orgProcedure("VIEWER").query(({ ctx }) => countUnreadNotifications(ctx.db, { organizationId: ctx.org.id, userId: ctx.user.id })),
  markRead: orgProcedure("VIEWER").input(markNotificationReadSchema).mutation(markNotificationReadHandler),
  markAllRead: orgProcedure("VIEWER").mutation(({ ctx }) =>
    ctx.db.$transaction((tx) => markAllNotificationsRead(tx, { organizationId: ctx.org.id, userId: ctx.user.id })),
  ),
});
