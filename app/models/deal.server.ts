// Deals: reads and writes, always scoped by organization. Money is integer
// paise (BigInt); the board's totals and weighted values are computed in SQL.
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { contactWhereSql } from "~/models/contact-query.server";
import { contactFilterSchema } from "~/domain/contact/contact-filter.schema";

type Tx = Prisma.TransactionClient | PrismaClient;

export const dealCardSelect = {
  id: true,
  title: true,
  valuePaise: true,
  probability: true,
  expectedCloseDate: true,
  position: true,
  version: true,
  stageId: true,
  closedAt: true,
  createdAt: true,
  updatedAt: true,
  contact: { select: { id: true, name: true } },
  company: { select: { id: true, name: true } },
  owner: { select: { id: true, name: true } },
} satisfies Prisma.DealSelect;

export const dealDetailSelect = {
  ...dealCardSelect,
  contactId: true,
  companyId: true,
  ownerId: true,
  stage: { select: { id: true, name: true, kind: true, probability: true } },
  updatedBy: { select: { id: true, name: true } },
} satisfies Prisma.DealSelect;

export type DealDetail = Prisma.DealGetPayload<{ select: typeof dealDetailSelect }>;

/** The order of cards within a column. */
export const COLUMN_ORDER: Prisma.DealOrderByWithRelationInput[] = [
  { position: "asc" },
  { createdAt: "desc" },
  { id: "asc" },
];

export type DealWrite = {
  title: string;
  valuePaise: bigint;
  stageId: string;
  contactId: string | null;
  companyId: string | null;
  ownerId: string | null;
  expectedCloseDate: Date | null;
  probability: number;
  closedAt: Date | null;
};

export function findDeal(db: Tx, { organizationId, dealId }: { organizationId: string; dealId: string }) {
  return db.deal.findFirst({ where: { id: dealId, organizationId }, select: dealDetailSelect });
}

/** `updatedById`: who is writing (null for the system); named when someone else's stale save is refused. */
export function insertDeal(
  db: Tx,
  { organizationId, data, position, updatedById }: { organizationId: string; data: DealWrite; position: number; updatedById: string | null },
) {
  return db.deal.create({ data: { organizationId, position, ...data, updatedById }, select: dealDetailSelect });
}

/** Applies `data` only if the deal is still at `version`; returns how many rows changed (0 or 1). */
export async function updateDealIfVersion(
  db: Tx,
  {
    organizationId,
    dealId,
    version,
    data,
    updatedById,
  }: {
    organizationId: string;
    dealId: string;
    version: number;
    data: Partial<DealWrite> & { position?: number };
    updatedById: string | null;
  },
): Promise<number> {
  const result = await db.deal.updateMany({
    where: { id: dealId, organizationId, version },
    data: { ...data, updatedById, version: { increment: 1 } },
  });
  return result.count;
}

export function deleteDeal(db: Tx, { organizationId, dealId }: { organizationId: string; dealId: string }) {
  return db.deal.deleteMany({ where: { id: dealId, organizationId } });
}

const POSITION_GAP = 1024;

async function renumberColumn(db: Tx, { organizationId, stageId }: { organizationId: string; stageId: string }) {
  await db.$executeRaw`
    UPDATE "Deal" d SET "position" = ordered.rn * ${POSITION_GAP}
      FROM (SELECT "id", row_number() OVER (ORDER BY "position" ASC, "createdAt" DESC, "id" ASC) - 1 AS rn
              FROM "Deal" WHERE "organizationId" = ${organizationId}::uuid AND "stageId" = ${stageId}::uuid) ordered
     WHERE d."id" = ordered."id" AND d."organizationId" = ${organizationId}::uuid`;
}

/**
 * The position that puts a deal at `index` (0 = top) of a column, among the
 * column's other deals; at the top when `index` is undefined.
 */
export async function positionForIndex(
  db: Tx,
  {
    organizationId,
    stageId,
    index,
    excludeDealId,
  }: { organizationId: string; stageId: string; index?: number; excludeDealId?: string },
): Promise<number> {
  const at = index ?? 0;
  const where = { organizationId, stageId, id: excludeDealId ? { not: excludeDealId } : undefined };
  const neighbours = async () =>
    db.deal.findMany({
      where,
      select: { position: true },
      orderBy: COLUMN_ORDER,
      skip: Math.max(at - 1, 0),
      take: at === 0 ? 1 : 2,
    });
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const rows = await neighbours();
    if (rows.length === 0 && at > 0) {
      // Past the end of the column: after its last card.
      const last = await db.deal.findFirst({
        where,
        select: { position: true },
        orderBy: [{ position: "desc" }, { createdAt: "asc" }, { id: "desc" }],
      });
      return last ? last.position + POSITION_GAP : 0;
    }
    const before = at === 0 ? undefined : rows[0]?.position;
    const after = at === 0 ? rows[0]?.position : rows[1]?.position;
    if (before === undefined && after === undefined) return 0;
    if (before === undefined) return after! - POSITION_GAP;
    if (after === undefined) return before + POSITION_GAP;
    const middle = (before + after) / 2;
    if (before < middle && middle < after) return middle;
    // Equal neighbours or no room left between them: spread the column out and try again.
    await renumberColumn(db, { organizationId, stageId });
  }
  throw new Error("could not find a position in the column");
}

/** The first `take` deals of a column, in board order. */
export function columnDeals(db: Tx, { organizationId, stageId, take }: { organizationId: string; stageId: string; take: number }) {
  return db.deal.findMany({ where: { organizationId, stageId }, select: dealCardSelect, orderBy: COLUMN_ORDER, take });
}

export type StageTotals = { stageId: string; count: number; totalPaise: bigint; weightedPaise: bigint };

/**
 * Per stage: how many deals, their total value, and their weighted value
 * Σ value × probability / 100 — summed in exact integer arithmetic on paise,
 * then rounded half up to whole paise.
 */
export function stageTotals(db: Tx, { organizationId }: { organizationId: string }) {
  return db.$queryRaw<StageTotals[]>`
    SELECT s."id" AS "stageId",
           count(d."id")::int AS "count",
           COALESCE(sum(d."valuePaise"), 0)::bigint AS "totalPaise",
           div(COALESCE(sum(d."valuePaise" * d."probability"), 0) + 50, 100)::bigint AS "weightedPaise"
      FROM "DealStage" s
      LEFT JOIN "Deal" d ON d."organizationId" = s."organizationId" AND d."stageId" = s."id"
     WHERE s."organizationId" = ${organizationId}::uuid
     GROUP BY s."id"`;
}

export type DealForecast = {
  openCount: number;
  openPaise: bigint;
  weightedPaise: bigint;
  wonThisMonthCount: number;
  wonThisMonthPaise: bigint;
};

/**
 * The pipeline as a whole: open deals' value and weighted value (the sum of the
 * open columns' rounded weighted values, so it agrees with the board), and
 * deals won since `monthStart` (the start of this month in the organization's
 * time zone, from the clock).
 */
export async function dealForecast(
  db: Tx,
  { organizationId, monthStart }: { organizationId: string; monthStart: Date },
): Promise<DealForecast> {
  const rows = await db.$queryRaw<DealForecast[]>`
    WITH per_stage AS (
      SELECT s."kind",
             count(d."id") AS deals,
             COALESCE(sum(d."valuePaise"), 0) AS total,
             div(COALESCE(sum(d."valuePaise" * d."probability"), 0) + 50, 100) AS weighted
        FROM "DealStage" s
        LEFT JOIN "Deal" d ON d."organizationId" = s."organizationId" AND d."stageId" = s."id"
       WHERE s."organizationId" = ${organizationId}::uuid AND s."kind" = 'OPEN'
       GROUP BY s."id", s."kind"
    ), won AS (
      SELECT count(d."id") AS deals, COALESCE(sum(d."valuePaise"), 0) AS total
        FROM "Deal" d
        JOIN "DealStage" s ON s."id" = d."stageId" AND s."organizationId" = d."organizationId"
       WHERE d."organizationId" = ${organizationId}::uuid AND s."kind" = 'WON'
         AND d."closedAt" >= ${monthStart}::timestamptz
    )
    SELECT COALESCE((SELECT sum(deals) FROM per_stage), 0)::int AS "openCount",
           COALESCE((SELECT sum(total) FROM per_stage), 0)::bigint AS "openPaise",
           COALESCE((SELECT sum(weighted) FROM per_stage), 0)::bigint AS "weightedPaise",
           (SELECT deals FROM won)::int AS "wonThisMonthCount",
           (SELECT total FROM won)::bigint AS "wonThisMonthPaise"`;
  return rows[0]!;
}

export const DEAL_SORTS = {
  updated: [{ updatedAt: "desc" }, { id: "asc" }],
  value: [{ valuePaise: "desc" }, { id: "asc" }],
  close: [{ expectedCloseDate: { sort: "asc", nulls: "last" } }, { id: "asc" }],
  title: [{ title: "asc" }, { id: "asc" }],
} satisfies Record<string, Prisma.DealOrderByWithRelationInput[]>;

/** A page of deals for the table view. */
export async function listDeals(
  db: Tx,
  {
    organizationId,
    stageId,
    sort,
    page,
    perPage,
  }: { organizationId: string; stageId?: string; sort: keyof typeof DEAL_SORTS; page: number; perPage: number },
) {
  const where: Prisma.DealWhereInput = { organizationId, stageId };
  const [total, deals] = await Promise.all([
    db.deal.count({ where }),
    db.deal.findMany({
      where,
      select: { ...dealCardSelect, stage: { select: { id: true, name: true, kind: true } } },
      orderBy: DEAL_SORTS[sort],
      skip: (page - 1) * perPage,
      take: perPage,
    }),
  ]);
  return { total, deals };
}

/** A contact of the organization, by id (to link a deal to it). */
export function findContactRef(db: Tx, { organizationId, contactId }: { organizationId: string; contactId: string }) {
  return db.contact.findFirst({
    where: { id: contactId, organizationId },
    select: { id: true, name: true, phone: true, companyId: true },
  });
}

export type ContactOption = { id: string; name: string; phone: string | null; companyId: string | null };

/** Contacts for the deal form's picker: matching `q` like the contacts list search, most recently active first. */
export function contactOptions(
  db: Tx,
  { organizationId, userId, timeZone, q, take }: { organizationId: string; userId: string; timeZone: string; q: string; take: number },
) {
  const filter = contactFilterSchema.parse({ q });
  return db.$queryRaw<ContactOption[]>`
    SELECT c."id", c."name", c."phone", c."companyId"
      FROM "Contact" c
     WHERE ${contactWhereSql({ organizationId, userId, timeZone }, filter)}
     ORDER BY c."lastActivityAt" DESC, c."id" DESC
     LIMIT ${take}`;
}

export type DealHistoryRow = {
  id: string;
  type: string;
  createdAt: Date;
  actorId: string | null;
  actorName: string | null;
  actorLabel: string | null;
  data: Record<string, unknown>;
};

/**
 * The latest timeline events that name the deal, newest first, from whichever
 * contacts it was linked to (the partial index on `data ->> 'dealId'` answers it).
 */
export function listDealHistory(db: Tx, { organizationId, dealId, take }: { organizationId: string; dealId: string; take: number }) {
  return db.$queryRaw<DealHistoryRow[]>`
    SELECT e."id", e."type", e."createdAt", e."actorId", u."name" AS "actorName", e."actorLabel", e."data"
      FROM "ContactEvent" e
      LEFT JOIN "User" u ON u."id" = e."actorId"
     WHERE e."organizationId" = ${organizationId}::uuid AND (e."data" ->> 'dealId') = ${dealId}
     ORDER BY e."createdAt" DESC, e."id" DESC
     LIMIT ${take}`;
}

/** Locks the deal's row until the transaction ends (no-op when there is none). */
export async function lockDeal(tx: Prisma.TransactionClient, { organizationId, dealId }: { organizationId: string; dealId: string }) {
  await tx.$queryRaw`SELECT "id" FROM "Deal" WHERE "id" = ${dealId}::uuid AND "organizationId" = ${organizationId}::uuid FOR UPDATE`;
}
