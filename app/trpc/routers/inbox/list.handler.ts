import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { ListInboxInput } from "~/trpc/routers/inbox/list.schema";
import { listInboxConversations } from "~/models/conversation-list.server";
import { listConversationAssignees } from "~/models/conversation-assignment.server";
import { listChannels } from "~/models/channel.server";
import { listTags } from "~/models/tag.server";
import { assignChoiceFor, conversationVisibility } from "~/domain/conversation/conversation-access";
import { encodeInboxCursor, INBOX_PAGE_SIZE } from "~/domain/conversation/inbox-filter";
import { can } from "~/utils/permissions";
import { now } from "~/utils/clock";

/**
 * One page of the inbox in a view, newest activity first, with what the filter form and the assign
 * forms need. A channel or label that is not the organization's is not found.
 */
export async function listInboxHandler({ ctx, input }: { ctx: OrgScopedContext; input: ListInboxInput }) {
  const organizationId = ctx.org.id;
  const viewer = { role: ctx.org.role, userId: ctx.user.id };
  const [channels, tags] = await Promise.all([listChannels(ctx.db, { organizationId }), listTags(ctx.db, { organizationId })]);
  const channelFilter = input.channel;
  if (channelFilter && "channelId" in channelFilter && !channels.some((channel) => channel.id === channelFilter.channelId)) {
    throw new TRPCError({ code: "NOT_FOUND", message: "Channel not found." });
  }
  if (input.label && !tags.some((tag) => tag.id === input.label)) throw new TRPCError({ code: "NOT_FOUND", message: "Label not found." });

  const rows = await listInboxConversations(ctx.db, {
    organizationId,
    viewerId: ctx.user.id,
    visibility: conversationVisibility(viewer),
    view: input.view,
    channel: input.channel,
    status: input.status,
    label: input.label,
    cursor: input.cursor,
    limit: INBOX_PAGE_SIZE + 1,
    at: now(),
  });
  const page = rows.slice(0, INBOX_PAGE_SIZE);
  const last = page[page.length - 1];
  const assignees = can(ctx.org.role, "update:conversation:own") ? await listConversationAssignees(ctx.db, { organizationId }) : [];
  return {
    items: page.map((row) => ({ ...row, assign: assignChoiceFor(viewer, row) })),
    nextCursor: rows.length > INBOX_PAGE_SIZE && last ? encodeInboxCursor({ lastMessageAt: last.lastMessageAt, id: last.id }) : null,
    channels: channels.map((channel) => ({ id: channel.id, name: channel.name, kind: channel.kind })),
    labels: tags.map((tag) => ({ id: tag.id, name: tag.name, color: tag.color })),
    assignees: assignees.map((member) => ({ userId: member.userId, name: member.name, available: member.available })),
    /** Whether the "All" view holds every conversation (managers) or those the viewer may see. */
    seesAll: can(ctx.org.role, "read:conversation:any"),
  };
}
