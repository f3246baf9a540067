import { z } from "zod";
import { notificationCursorField } from "~/domain/notification/notification";

export const listNotificationsSchema = z.object({ cursor: notificationCursorField });
export type ListNotificationsInput = z.output<typeof listNotificationsSchema>;
