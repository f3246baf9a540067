import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { MarkNotificationReadInput } from "~/trpc/routers/notification/mark-read.schema";
import { markNotificationRead } from "~/services/notification/mark-notification-read.server";

/** Marks one of the caller's notifications read and answers where it leads; anyone else's is not found. */
export function markNotificationReadHandler({ ctx, input }: { ctx: OrgScopedContext; input: MarkNotificationReadInput }) {
  return ctx.db.$transaction((tx) => markNotificationRead(tx, { organizationId: ctx.org.id, userId: ctx.user.id }, input));
}
