// The one way to tell a member something: a notification in their centre (the bell), written in the
// caller's transaction, and a live event on their own topic so the bell moves at once. With a
// `coalesceKey`, a user has at most one unread notification per key: a newer one updates it.
import { z } from "zod";
import type { CommandTx } from "~/services/command.server";
import { upsertCoalescedNotifications, upsertNotification } from "~/models/notification.server";
import { publishLiveEvent, publishLiveEvents } from "~/services/live-events.server";
import { notificationUrlField } from "~/domain/notification/notification";
import { now } from "~/utils/clock";

export const notifyInputSchema = z.object({
  organizationId: z.uuid({ message: "organizationId must be an organization's id" }),
  userId: z.uuid({ message: "userId must be a user's id" }),
  kind: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]{0,39}$/, { message: "A notification's kind is an upper-case word such as CONVERSATION_ASSIGNED" }),
  title: z.string().trim().min(1, { message: "A notification needs a title" }).transform((value) => value.slice(0, 200)),
  body: z.string().default("").transform((value) => value.trim().slice(0, 500)),
  url: notificationUrlField,
  coalesceKey: z.string().trim().min(1).max(200).optional(),
});
export type NotifyInput = z.input<typeof notifyInputSchema>;

export async function notify(tx: CommandTx, input: NotifyInput): Promise<{ notificationId: string }> {
  const parsed = notifyInputSchema.parse(input);
  const { id } = await upsertNotification(tx, {
    organizationId: parsed.organizationId,
    userId: parsed.userId,
    kind: parsed.kind,
    title: parsed.title,
    body: parsed.body,
    url: parsed.url,
    coalesceKey: parsed.coalesceKey ?? null,
    at: now(),
  });
  await publishLiveEvent(tx, parsed.organizationId, { type: "notification.changed", notificationId: id, userId: parsed.userId });
  return { notificationId: id };
}

/**
 * notify for several coalesced notifications at once (a batch of inbound messages), in two statements:
 * the same rules, as if notify ran for each in order — of two for the same user and key, the later one
 * is what stays.
 */
export async function notifyCoalesced(tx: CommandTx, inputs: Array<NotifyInput & { coalesceKey: string }>): Promise<void> {
  const latest = new Map<string, ReturnType<typeof notifyInputSchema.parse> & { coalesceKey: string }>();
  for (const input of inputs) {
    const parsed = notifyInputSchema.parse(input) as ReturnType<typeof notifyInputSchema.parse> & { coalesceKey: string };
    const key = `${parsed.organizationId}:${parsed.userId}:${parsed.coalesceKey}`;
    latest.delete(key);
    latest.set(key, parsed);
  }
  const rows = [...latest.values()];
  const byOrganization = new Map<string, typeof rows>();
  for (const row of rows) byOrganization.set(row.organizationId, [...(byOrganization.get(row.organizationId) ?? []), row]);
  const at = now();
  for (const [organizationId, ofOrganization] of byOrganization) {
    const ids = await upsertCoalescedNotifications(
      tx,
      ofOrganization.map((row) => ({ organizationId, userId: row.userId, kind: row.kind, title: row.title, body: row.body, url: row.url, coalesceKey: row.coalesceKey, at })),
    );
    await publishLiveEvents(
      tx,
      organizationId,
      ids.map(({ id }, index) => ({ type: "notification.changed" as const, notificationId: id, userId: ofOrganization[index]!.userId })),
    );
  }
}
