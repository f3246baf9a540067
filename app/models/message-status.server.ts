// Moving a message's delivery status, forward only, in one statement: a report that would move it
// back (or out of a failure) changes nothing, so reports can be applied in any order, any number of
// times. A report for a message not stored yet waits in PendingMessageStatus until it is.
import { Prisma, type PrismaClient } from "~/generated/prisma/client";
import { MESSAGE_STATUS_RANK, type MessageStatus } from "~/domain/conversation/message-status";

type Tx = Prisma.TransactionClient | PrismaClient;

export type StatusReport = {
  status: MessageStatus;
  /** When the provider says it happened (the sandbox and Twilio give one; else when we heard). */
  occurredAt: Date;
  errorCode?: string | null;
  errorMessage?: string | null;
};

const rankSql = (column: Prisma.Sql) =>
  Prisma.sql`(CASE ${column}::text ${Prisma.join(
    Object.entries(MESSAGE_STATUS_RANK).map(([status, rank]) => Prisma.sql`WHEN ${status} THEN ${rank}::int`),
    " ",
  )} END)`;

/** The timestamp column a status fills (the first time only). */
const STATUS_TIME_COLUMN: Partial<Record<MessageStatus, string>> = {
  SENT: "sentAt",
  DELIVERED: "deliveredAt",
  READ: "readAt",
  UNDELIVERED: "failedAt",
  FAILED: "failedAt",
};

export type AdvancedMessage = { id: string; conversationId: string; contactId: string; status: MessageStatus; providerMessageId: string | null };

type AdvanceWhere = { organizationId: string } & (
  | { id: string }
  | { ids: string[] }
  | { channelId: string; providerMessageId: string }
  | { channelId: string; providerMessageIds: string[] }
);

function matchSql(where: AdvanceWhere): Prisma.Sql {
  if ("id" in where) return Prisma.sql`m."id" = ${where.id}::uuid`;
  if ("ids" in where) return Prisma.sql`m."id" = ANY(${where.ids}::uuid[])`;
  if ("providerMessageId" in where) return Prisma.sql`m."channelId" = ${where.channelId}::uuid AND m."providerMessageId" = ${where.providerMessageId}`;
  return Prisma.sql`m."channelId" = ${where.channelId}::uuid AND m."providerMessageId" = ANY(${where.providerMessageIds}::text[])`;
}

/**
 * Applies `report` to every message named by `where` that it moves forward, in one statement; returns
 * those that moved (already there or beyond, a failure already final, or no such message: not returned).
 * Each status fills its own time; a skipped stage's stays empty (a READ that arrives before its DELIVERED
 * leaves deliveredAt empty, and the later DELIVERED does not move the message back).
 */
export async function advanceMessageStatuses(db: Tx, where: AdvanceWhere, report: StatusReport): Promise<AdvancedMessage[]> {
  const timeColumn = STATUS_TIME_COLUMN[report.status];
  const setTime = timeColumn
    ? Prisma.sql`, ${Prisma.raw(`"${timeColumn}"`)} = coalesce(m.${Prisma.raw(`"${timeColumn}"`)}, ${report.occurredAt})`
    : Prisma.empty;
  const failing = report.status === "FAILED" || report.status === "UNDELIVERED";
  const setError = failing
    ? Prisma.sql`, "errorCode" = ${report.errorCode ?? null}, "errorMessage" = ${report.errorMessage ?? null}`
    : Prisma.empty;
  return db.$queryRaw<AdvancedMessage[]>`
    UPDATE "Message" m
       SET "status" = ${report.status}::"MessageStatus", "updatedAt" = now()${setTime}${setError}
     WHERE m."organizationId" = ${where.organizationId}::uuid AND ${matchSql(where)}
       AND m."direction" = 'OUTBOUND'
       AND m."status" NOT IN ('FAILED', 'UNDELIVERED')
       AND ${rankSql(Prisma.sql`m."status"`)} < ${MESSAGE_STATUS_RANK[report.status]}::int
    RETURNING m."id", m."conversationId", m."contactId", m."status"::text AS "status", m."providerMessageId"`;
}

/**
 * Applies `report` to the message named by `where` if it moves it forward; returns the message when
 * it moved, null when it did not (already there or beyond, a failure already final, or no message).
 */
export async function advanceMessageStatus(
  db: Tx,
  where: { organizationId: string } & ({ id: string } | { channelId: string; providerMessageId: string }),
  report: StatusReport,
): Promise<AdvancedMessage | null> {
  const rows = await advanceMessageStatuses(db, where, report);
  return rows[0] ?? null;
}

/** Keeps a report for a message we have not stored (or not yet given its provider id); a duplicate is a no-op. */
export async function keepPendingStatus(
  db: Tx,
  where: { organizationId: string; channelId: string; providerMessageId: string },
  report: StatusReport,
): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "PendingMessageStatus" ("organizationId", "channelId", "providerMessageId", "status", "errorCode", "errorMessage", "occurredAt")
    VALUES (${where.organizationId}::uuid, ${where.channelId}::uuid, ${where.providerMessageId}, ${report.status}::"MessageStatus",
            ${report.errorCode ?? null}, ${report.errorMessage ?? null}, ${report.occurredAt})
    ON CONFLICT ("channelId", "providerMessageId", "status") DO NOTHING`;
}

/** Takes (deletes and returns) the reports kept for a message's provider id, oldest first. */
export async function takePendingStatuses(
  db: Tx,
  where: { organizationId: string; channelId: string; providerMessageId: string },
): Promise<StatusReport[]> {
  const rows = await db.$queryRaw<Array<{ status: MessageStatus; occurredAt: Date; errorCode: string | null; errorMessage: string | null }>>`
    DELETE FROM "PendingMessageStatus"
     WHERE "organizationId" = ${where.organizationId}::uuid AND "channelId" = ${where.channelId}::uuid
       AND "providerMessageId" = ${where.providerMessageId}
    RETURNING "status"::text AS "status", "occurredAt", "errorCode", "errorMessage"`;
  return rows.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
}

export type PendingStatus = StatusReport & { channelId: string; providerMessageId: string };

/**
 * Stores the provider's ids for several messages of one organization and takes (deletes and returns,
 * oldest first) the reports kept for those ids, in one statement. Hold the ids' provider-id locks first,
 * so a report arriving meanwhile is either taken here or finds its message.
 */
export async function storeProviderMessageIds(
  db: Tx,
  { organizationId, entries }: { organizationId: string; entries: Array<{ id: string; channelId: string; providerMessageId: string }> },
): Promise<PendingStatus[]> {
  if (entries.length === 0) return [];
  const rows = await db.$queryRaw<PendingStatus[]>`
    WITH e AS (
      SELECT * FROM unnest(${entries.map((entry) => entry.id)}::uuid[], ${entries.map((entry) => entry.channelId)}::uuid[], ${entries.map((entry) => entry.providerMessageId)}::text[])
        AS e("id", "channelId", "providerMessageId")
    ), stored AS (
      UPDATE "Message" m SET "providerMessageId" = e."providerMessageId", "updatedAt" = now()
        FROM e WHERE m."organizationId" = ${organizationId}::uuid AND m."id" = e."id" AND m."channelId" = e."channelId"
    )
    DELETE FROM "PendingMessageStatus" p
     USING e
     WHERE p."organizationId" = ${organizationId}::uuid AND p."channelId" = e."channelId" AND p."providerMessageId" = e."providerMessageId"
    RETURNING p."channelId"::text AS "channelId", p."providerMessageId", p."status"::text AS "status", p."occurredAt", p."errorCode", p."errorMessage"`;
  return rows.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
}
