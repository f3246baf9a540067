// Prisma reads and writes for notifications, always scoped by organization and the one user they are for.
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import type { NotificationCursor } from "~/domain/notification/notification";

type Tx = Prisma.TransactionClient | PrismaClient;
type Owner = { organizationId: string; userId: string };

export type NotificationRow = {
  organizationId: string;
  userId: string;
  kind: string;
  title: string;
  body: string;
  url: string;
  coalesceKey: string | null;
  at: Date;
};

/**
 * Adds a notification, or, when the user has an unread one with the same coalesce key, updates that one
 * (its words, link and time) instead: one statement, safe against a concurrent writer.
 */
export async function upsertNotification(db: Tx, row: NotificationRow): Promise<{ id: string }> {
  const rows = row.coalesceKey
    ? await db.$queryRaw<Array<{ id: string }>>`
        INSERT INTO "Notification" ("organizationId", "userId", "kind", "title", "body", "url", "coalesceKey", "createdAt", "updatedAt")
        VALUES (${row.organizationId}::uuid, ${row.userId}::uuid, ${row.kind}, ${row.title}, ${row.body}, ${row.url}, ${row.coalesceKey}, ${row.at}, ${row.at})
        ON CONFLICT ("organizationId", "userId", "coalesceKey") WHERE "readAt" IS NULL
        DO UPDATE SET "kind" = EXCLUDED."kind", "title" = EXCLUDED."title", "body" = EXCLUDED."body", "url" = EXCLUDED."url",
                      "updatedAt" = GREATEST("Notification"."updatedAt", EXCLUDED."updatedAt")
        RETURNING "id"`
    : await db.$queryRaw<Array<{ id: string }>>`
        INSERT INTO "Notification" ("organizationId", "userId", "kind", "title", "body", "url", "createdAt", "updatedAt")
        VALUES (${row.organizationId}::uuid, ${row.userId}::uuid, ${row.kind}, ${row.title}, ${row.body}, ${row.url}, ${row.at}, ${row.at})
        RETURNING "id"`;
  return rows[0]!;
}

/**
 * upsertNotification for several coalesced notifications in one statement (each pair of user and key
 * at most once): answers each row's id, in `rows`' order.
 */
export async function upsertCoalescedNotifications(db: Tx, rows: Array<NotificationRow & { coalesceKey: string }>): Promise<Array<{ id: string }>> {
  if (rows.length === 0) return [];
  const records = rows.map((row, position) => ({ ...row, position, at: row.at.toISOString() }));
  return db.$queryRaw<Array<{ id: string }>>`
    WITH upserted AS (
      INSERT INTO "Notification" ("organizationId", "userId", "kind", "title", "body", "url", "coalesceKey", "createdAt", "updatedAt")
      SELECT r."organizationId", r."userId", r."kind", r."title", r."body", r."url", r."coalesceKey", r."at", r."at"
        FROM jsonb_to_recordset(${JSON.stringify(records)}::jsonb) AS r(
          "position" int, "organizationId" uuid, "userId" uuid, "kind" text, "title" text, "body" text, "url" text, "coalesceKey" text, "at" timestamptz)
       ORDER BY r."position"
      ON CONFLICT ("organizationId", "userId", "coalesceKey") WHERE "readAt" IS NULL
      DO UPDATE SET "kind" = EXCLUDED."kind", "title" = EXCLUDED."title", "body" = EXCLUDED."body", "url" = EXCLUDED."url",
                    "updatedAt" = GREATEST("Notification"."updatedAt", EXCLUDED."updatedAt")
      RETURNING "id", "userId", "coalesceKey"
    )
    SELECT u."id"::text AS "id"
      FROM jsonb_to_recordset(${JSON.stringify(records)}::jsonb) AS r("position" int, "userId" uuid, "coalesceKey" text)
      JOIN upserted u ON u."userId" = r."userId" AND u."coalesceKey" = r."coalesceKey"
     ORDER BY r."position"`;
}

/** The user's notifications, newest first, after `cursor`. */
export function listNotifications(db: Tx, { organizationId, userId, cursor, take }: Owner & { cursor?: NotificationCursor; take: number }) {
  return db.notification.findMany({
    where: {
      organizationId,
      userId,
      ...(cursor
        ? { OR: [{ updatedAt: { lt: cursor.updatedAt } }, { updatedAt: cursor.updatedAt, id: { lt: cursor.id } }] }
        : {}),
    },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, kind: true, title: true, body: true, url: true, readAt: true, createdAt: true, updatedAt: true },
  });
}

export function countUnreadNotifications(db: Tx, { organizationId, userId }: Owner): Promise<number> {
  return db.notification.count({ where: { organizationId, userId, readAt: null } });
}

/** Marks one of the user's notifications read (once); null when the user has no notification with that id. */
export async function markNotificationRead(db: Tx, { organizationId, userId, id, at }: Owner & { id: string; at: Date }) {
  const rows = await db.$queryRaw<Array<{ id: string; url: string; changed: boolean }>>`
    WITH target AS (
      SELECT "id", "readAt" FROM "Notification"
       WHERE "organizationId" = ${organizationId}::uuid AND "userId" = ${userId}::uuid AND "id" = ${id}::uuid
       FOR UPDATE
    )
    UPDATE "Notification" n SET "readAt" = COALESCE(n."readAt", ${at})
      FROM target t WHERE n."id" = t."id"
    RETURNING n."id", n."url", (t."readAt" IS NULL) AS "changed"`;
  return rows[0] ?? null;
}

/** Marks every unread notification of the user read; how many were. */
export async function markAllNotificationsRead(db: Tx, { organizationId, userId, at }: Owner & { at: Date }): Promise<number> {
  const result = await db.notification.updateMany({ where: { organizationId, userId, readAt: null }, data: { readAt: at } });
  return result.count;
}
