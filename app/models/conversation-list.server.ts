// Reads for the inbox: one page of conversations (keyset: newest activity first, then id) and the
// unread counts per view. Raw SQL so each view walks its own index in order:
//   all (managers)          (organizationId, lastMessageAt, id)
//   mine                    (organizationId, assigneeId, lastMessageAt, id)
//   unassigned              the same index with assigneeId IS NULL
//   all (agents, viewers)   both of the above, each ordered and limited, merged (UNION ALL)
// The page's ids are found first over the narrow index, then those rows are read with their
// contact, channel and assignee. A snoozed conversation whose time has passed is open (decided here,
// with the clock's `at`, so no job has to wake it).
import { Prisma, type PrismaClient } from "~/generated/prisma/client";
import type { ChannelKind, ConversationStatus, MessageDirection } from "~/generated/prisma/enums";
import type { ConversationVisibility } from "~/domain/conversation/conversation-access";
import type { InboxChannelFilter, InboxCursor, InboxStatus, InboxView } from "~/domain/conversation/inbox-filter";

type Tx = Prisma.TransactionClient | PrismaClient;

export type InboxListQuery = {
  organizationId: string;
  /** Who is looking, and what the access rule lets them see. */
  viewerId: string;
  visibility: ConversationVisibility;
  view: InboxView;
  channel?: InboxChannelFilter;
  status?: InboxStatus;
  /** A tag of the contact. */
  label?: string;
  cursor?: InboxCursor;
  limit: number;
  /** "Now", for snoozes that have run out. */
  at: Date;
};

export type InboxRow = {
  id: string;
  contactId: string;
  contactName: string;
  channelId: string;
  channelKind: ChannelKind;
  channelName: string;
  assigneeId: string | null;
  assigneeName: string | null;
  /** The status as the inbox shows it: a snooze that has run out is OPEN. */
  status: ConversationStatus;
  snoozedUntil: Date | null;
  lastMessageAt: Date;
  lastMessagePreview: string;
  lastMessageDirection: MessageDirection | null;
  unreadCount: number;
};

/** Each branch is one ordered index walk; `null` means "no condition on the assignee". */
type AssigneeBranch = { assigneeId: string | null } | null;

function assigneeBranches(query: Pick<InboxListQuery, "view" | "viewerId" | "visibility">): AssigneeBranch[] {
  if (query.view === "mine") return [{ assigneeId: query.viewerId }];
  if (query.view === "unassigned") return [{ assigneeId: null }];
  if (query.visibility.kind === "all") return [null];
  return [{ assigneeId: query.viewerId }, { assigneeId: null }];
}

function assigneeSql(branch: AssigneeBranch): Prisma.Sql {
  if (!branch) return Prisma.empty;
  return branch.assigneeId ? Prisma.sql`AND c."assigneeId" = ${branch.assigneeId}::uuid` : Prisma.sql`AND c."assigneeId" IS NULL`;
}

export function inboxStatusSql(status: InboxStatus | undefined, at: Date): Prisma.Sql {
  switch (status) {
    case undefined:
      return Prisma.empty;
    case "open":
      return Prisma.sql`AND (c."status" = 'OPEN' OR (c."status" = 'SNOOZED' AND c."snoozedUntil" <= ${at}))`;
    case "snoozed":
      return Prisma.sql`AND c."status" = 'SNOOZED' AND (c."snoozedUntil" IS NULL OR c."snoozedUntil" > ${at})`;
    case "pending":
      return Prisma.sql`AND c."status" = 'PENDING'`;
    case "resolved":
      return Prisma.sql`AND c."status" = 'RESOLVED'`;
  }
}

function channelSql(organizationId: string, channel: InboxChannelFilter | undefined): Prisma.Sql {
  if (!channel) return Prisma.empty;
  if ("channelId" in channel) return Prisma.sql`AND c."channelId" = ${channel.channelId}::uuid`;
  return Prisma.sql`AND c."channelId" IN (SELECT ch."id" FROM "Channel" ch WHERE ch."organizationId" = ${organizationId}::uuid AND ch."kind" = ${channel.kind}::"ChannelKind")`;
}

function labelSql(organizationId: string, label: string | undefined): Prisma.Sql {
  if (!label) return Prisma.empty;
  return Prisma.sql`AND EXISTS (SELECT 1 FROM "ContactTag" t WHERE t."organizationId" = ${organizationId}::uuid AND t."contactId" = c."contactId" AND t."tagId" = ${label}::uuid)`;
}

function cursorSql(cursor: InboxCursor | undefined): Prisma.Sql {
  if (!cursor) return Prisma.empty;
  return Prisma.sql`AND (c."lastMessageAt", c."id") < (${cursor.lastMessageAt}, ${cursor.id}::uuid)`;
}

function branchSql(query: InboxListQuery, branch: AssigneeBranch): Prisma.Sql {
  return Prisma.sql`
    SELECT c."id", c."lastMessageAt" FROM "Conversation" c
     WHERE c."organizationId" = ${query.organizationId}::uuid
       ${assigneeSql(branch)}
       ${channelSql(query.organizationId, query.channel)}
       ${inboxStatusSql(query.status, query.at)}
       ${labelSql(query.organizationId, query.label)}
       ${cursorSql(query.cursor)}
     ORDER BY c."lastMessageAt" DESC, c."id" DESC
     LIMIT ${query.limit}`;
}

/** One page of the inbox, newest activity first. Ask for one more than you show to know whether there is an older page. */
export async function listInboxConversations(db: Tx, query: InboxListQuery): Promise<InboxRow[]> {
  const branches = assigneeBranches(query).map((branch) => branchSql(query, branch));
  const page =
    branches.length === 1
      ? branches[0]!
      : Prisma.sql`SELECT u."id", u."lastMessageAt" FROM (${Prisma.join(
          branches.map((branch) => Prisma.sql`(${branch})`),
          " UNION ALL ",
        )}) u ORDER BY u."lastMessageAt" DESC, u."id" DESC LIMIT ${query.limit}`;
  return db.$queryRaw<InboxRow[]>`
    WITH page AS (${page})
    SELECT c."id", c."contactId", ct."name" AS "contactName", c."channelId", ch."kind" AS "channelKind", ch."name" AS "channelName",
           c."assigneeId", us."name" AS "assigneeName",
           (CASE WHEN c."status" = 'SNOOZED' AND c."snoozedUntil" <= ${query.at} THEN 'OPEN' ELSE c."status"::text END)::"ConversationStatus" AS "status",
           c."snoozedUntil", c."lastMessageAt", c."lastMessagePreview", c."lastMessageDirection", c."unreadCount"
      FROM page p
      JOIN "Conversation" c ON c."id" = p."id"
      JOIN "Contact" ct ON ct."id" = c."contactId"
      JOIN "Channel" ch ON ch."id" = c."channelId"
      LEFT JOIN "User" us ON us."id" = c."assigneeId"
     ORDER BY c."lastMessageAt" DESC, c."id" DESC`;
}

export type InboxUnreadCounts = { mine: number; unassigned: number; all: number };

/**
 * Conversations with unread messages in each view, over the partial index of unread conversations
 * (organizationId, assigneeId) WHERE unreadCount > 0. "All" is what the viewer may see.
 */
export async function countUnreadConversations(
  db: Tx,
  { organizationId, viewerId, visibility }: { organizationId: string; viewerId: string; visibility: ConversationVisibility },
): Promise<InboxUnreadCounts> {
  // Agents and viewers see their own and the unassigned ones: "all" is those two together.
  const seen = visibility.kind === "all" ? Prisma.empty : Prisma.sql`AND (c."assigneeId" = ${viewerId}::uuid OR c."assigneeId" IS NULL)`;
  const rows = await db.$queryRaw<Array<{ mine: number; unassigned: number; all: number }>>`
    SELECT count(*) FILTER (WHERE c."assigneeId" = ${viewerId}::uuid)::int AS "mine",
           count(*) FILTER (WHERE c."assigneeId" IS NULL)::int AS "unassigned",
           count(*)::int AS "all"
      FROM "Conversation" c
     WHERE c."organizationId" = ${organizationId}::uuid AND c."unreadCount" > 0 ${seen}`;
  return rows[0] ?? { mine: 0, unassigned: 0, all: 0 };
}
