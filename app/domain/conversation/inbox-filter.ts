// What the inbox shows: a view (mine, unassigned, all), filters (channel, status, label) and a
// keyset cursor. Browser-safe: the GET form, the tRPC input and the links share this schema.
import { z } from "zod";
import { CHANNEL_KINDS, type ChannelKindValue } from "~/domain/channel/channel-fields.schema";

export const INBOX_VIEWS = ["mine", "unassigned", "all"] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];
export const INBOX_VIEW_LABELS: Record<InboxView, string> = { mine: "Mine", unassigned: "Unassigned", all: "All" };

/**
 * The statuses a conversation shows. A snoozed conversation whose until-time has passed is open (decided
 * when the list is read, so no job has to wake it).
 */
export const INBOX_STATUSES = ["open", "pending", "resolved", "snoozed"] as const;
export type InboxStatus = (typeof INBOX_STATUSES)[number];
export const INBOX_STATUS_LABELS: Record<InboxStatus, string> = { open: "Open", pending: "Pending", resolved: "Resolved", snoozed: "Snoozed" };

/** How many conversations one page shows. */
export const INBOX_PAGE_SIZE = 50;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** After which conversation a page starts: the last one shown, by its newest activity and id. */
export type InboxCursor = { lastMessageAt: Date; id: string };

export function encodeInboxCursor(cursor: InboxCursor): string {
  return `${cursor.lastMessageAt.toISOString()}_${cursor.id}`;
}

export function decodeInboxCursor(value: string): InboxCursor | null {
  const [at, id, ...rest] = value.split("_");
  if (!at || !id || rest.length > 0 || !UUID.test(id)) return null;
  const lastMessageAt = new Date(at);
  if (Number.isNaN(lastMessageAt.getTime()) || lastMessageAt.toISOString() !== at) return null;
  return { lastMessageAt, id: id.toLowerCase() };
}

/** Empty form fields mean "no filter". */
const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

/** A channel kind ("WHATSAPP", "SMS", "EMAIL") or one channel's id. */
export type InboxChannelFilter = { kind: ChannelKindValue } | { channelId: string };

const channelFilterField = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .transform((value, ctx): InboxChannelFilter => {
      const kind = value.toUpperCase();
      if ((CHANNEL_KINDS as readonly string[]).includes(kind)) return { kind: kind as ChannelKindValue };
      if (UUID.test(value)) return { channelId: value.toLowerCase() };
      ctx.addIssue({ code: "custom", message: "Choose WhatsApp, SMS, Email or one of your channels" });
      return z.NEVER;
    })
    .optional(),
);

export const inboxFilterSchema = z.object({
  view: z.preprocess(blankToUndefined, z.enum(INBOX_VIEWS, { message: "Show mine, unassigned or all" }).default("mine")),
  channel: channelFilterField,
  status: z.preprocess(blankToUndefined, z.enum(INBOX_STATUSES, { message: "Choose open, pending, resolved or snoozed" }).optional()),
  label: z.preprocess(blankToUndefined, z.uuid({ message: "Choose one of your labels" }).optional()),
  cursor: z.preprocess(
    blankToUndefined,
    z
      .string()
      .max(100)
      .transform((value, ctx) => {
        const cursor = decodeInboxCursor(value);
        if (!cursor) {
          ctx.addIssue({ code: "custom", message: "That page link is not valid: start again from the newest" });
          return z.NEVER;
        }
        return cursor;
      })
      .optional(),
  ),
});
export type InboxFilterInput = z.input<typeof inboxFilterSchema>;
export type InboxFilter = z.output<typeof inboxFilterSchema>;

/** The filter as URL search parameters (without the cursor unless given), for links and the GET form. */
export function inboxSearchParams(filter: Omit<InboxFilter, "cursor"> & { cursor?: InboxCursor }): URLSearchParams {
  const params = new URLSearchParams();
  params.set("view", filter.view);
  if (filter.channel) params.set("channel", "kind" in filter.channel ? filter.channel.kind : filter.channel.channelId);
  if (filter.status) params.set("status", filter.status);
  if (filter.label) params.set("label", filter.label);
  if (filter.cursor) params.set("cursor", encodeInboxCursor(filter.cursor));
  return params;
}

/** Whom the viewer may give a conversation to: anyone (managers; agents on their own), only themselves (an unassigned one, agents), nobody (viewers). */
export type { AssignChoice } from "~/domain/conversation/conversation-access";
