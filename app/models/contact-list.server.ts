// Reads for the contacts list, its counts and the kanban board, in raw SQL over
// the shared filter compiler (contactWhereSql / contactOrderSql), so the list,
// the counts, the board, bulk actions and the export agree on what a filter
// means. Every query is scoped by the organization.
//
// The list page is a "deferred join": the first step finds only the page's ids
// in the requested order (an index scan, often index-only, with LIMIT/OFFSET),
// the second fetches those few rows with their owner and tags. Sorting and
// skipping happen on narrow index entries instead of whole rows.
import { Prisma, type PrismaClient } from "~/generated/prisma/client";
import type { ContactSource, TagSource } from "~/generated/prisma/enums";
import {
  contactOrderSql,
  contactsWithWordSql,
  type SearchWordOptions,
  contactWhereSql,
  searchWordCountSql,
  textSearchWords,
  type FilterScope,
} from "~/models/contact-query.server";
import type {
  ContactFilter,
  ContactListInput,
  ContactStage,
  Temperature,
} from "~/domain/contact/contact-filter.schema";
import { isPrismaClient } from "~/utils/prisma-transaction.server";

type Tx = Prisma.TransactionClient | PrismaClient;

export type ContactListTag = {
  id: string;
  name: string;
  color: string;
  source: TagSource;
  confidence: number | null;
};

export type ContactListRow = {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  stage: ContactStage;
  temperature: Temperature;
  score: number;
  source: ContactSource;
  ownerId: string | null;
  ownerName: string | null;
  lastActivityAt: Date;
  createdAt: Date;
  version: number;
  tags: ContactListTag[];
};

/**
 * How a word search finds its page. Measured at a million contacts: reading a
 * contact for each match costs a random lookup, so only a rare word (at most
 * SEARCH_FROM_MATCHES_LIMIT matches) starts from its matches. A common one walks
 * the view's order over the narrow index and checks each contact against a hash
 * of the word's matches, built once from the search-word index (up to
 * SEARCH_HASHED_LIMIT, estimated: building the hash costs about 0.7 µs a match,
 * so at 20,000 it costs what checking each contact walked with an index lookup
 * does). A word matching more than that is so common that the walk with lookups
 * stops after a couple of thousand contacts: that walk runs without parallel
 * workers, whose start-up cost more than the walk itself (6 ms serial against
 * 15 ms with two workers for "sharma" at 38,000 matches).
 */
export const SEARCH_FROM_MATCHES_LIMIT = 1_000;
export const SEARCH_HASHED_LIMIT = 20_000;

type SearchPlan = { from: "matches" | "hashed"; word: string } | null;

/** Planner's estimate of how many search-word rows a query reads (no rows are read). */
async function estimateRows(db: Tx, query: Prisma.Sql): Promise<number> {
  const rows = await db.$queryRaw<Array<{ "QUERY PLAN": unknown }>>`EXPLAIN (FORMAT JSON) ${query}`;
  const raw = rows[0]?.["QUERY PLAN"];
  const plan = (typeof raw === "string" ? JSON.parse(raw) : raw) as Array<{ Plan?: { "Plan Rows"?: number } }>;
  return plan[0]?.Plan?.["Plan Rows"] ?? Infinity;
}

/**
 * The search word with the fewest matches and how to use it: each word's
 * matches are counted from the index alone, stopping at limit + 1. `among`
 * counts only contacts with payments (for the payments page).
 */
export async function planWordSearch(
  db: Tx,
  scope: FilterScope,
  q: string,
  limits: { fromMatches: number; hashed: number },
  among: SearchWordOptions = {},
): Promise<SearchPlan> {
  const words = textSearchWords(q);
  if (words.length === 0) return null;
  const cap = limits.fromMatches + 1;
  const counts = Prisma.join(
    words.map((word) => Prisma.sql`(SELECT count(*)::int FROM (${contactsWithWordSql(scope, word, among)} LIMIT ${cap}) AS m)`),
  );
  const rows = await db.$queryRaw<Array<{ counts: number[] }>>`SELECT ARRAY[${counts}] AS "counts"`;
  const found = rows[0]?.counts ?? [];
  let rarest = words[0]!;
  let fewest = found[0] ?? cap;
  words.forEach((word, index) => {
    if ((found[index] ?? cap) < fewest) [rarest, fewest] = [word, found[index]!];
  });
  if (fewest <= limits.fromMatches) return { from: "matches", word: rarest };
  const estimate = await estimateRows(db, contactsWithWordSql(scope, rarest, among));
  return estimate <= limits.hashed ? { from: "hashed", word: rarest } : null;
}

/**
 * The page's ids in order: from a rare search word's matches, or by walking the
 * view's order. `serial` when the walk checks each contact for a search word.
 */
async function pageIdsSql(
  db: Tx,
  scope: FilterScope,
  input: ContactListInput,
  limits: { fromMatches: number; hashed: number },
): Promise<{ sql: Prisma.Sql; serial: boolean }> {
  const order = contactOrderSql(input.sort, input.dir);
  const offset = (input.page - 1) * input.perPage;
  const plan = await planWordSearch(db, scope, input.filter.q, limits);
  if (plan?.from === "matches") {
    const sql = Prisma.sql`
      SELECT c."id"
        FROM (${contactsWithWordSql(scope, plan.word)}) m
        JOIN "Contact" c ON c."id" = m."contactId"
       WHERE ${contactWhereSql(scope, input.filter, { exceptSearchWord: plan.word })}
       ORDER BY ${order}
       LIMIT ${input.perPage} OFFSET ${offset}`;
    return { sql, serial: false };
  }
  if (plan?.from === "hashed") {
    // "IS TRUE" keeps the IN a (hashed) subplan: pulled up into a join, the
    // planner would look each contact up instead of walking the order.
    const sql = Prisma.sql`
      SELECT c."id"
        FROM "Contact" c
       WHERE ${contactWhereSql(scope, input.filter, { exceptSearchWord: plan.word })}
         AND (c."id" IN (${contactsWithWordSql(scope, plan.word)})) IS TRUE
       ORDER BY ${order}
       LIMIT ${input.perPage} OFFSET ${offset}`;
    return { sql, serial: false };
  }
  const sql = Prisma.sql`
    SELECT c."id"
      FROM "Contact" c
     WHERE ${contactWhereSql(scope, input.filter)}
     ORDER BY ${order}
     LIMIT ${input.perPage} OFFSET ${offset}`;
  return { sql, serial: textSearchWords(input.filter.q).length > 0 };
}

/**
 * Runs one query with parallel workers off, in a transaction (the caller's, if
 * `db` is one already, which gets its own setting back afterwards).
 */
async function withoutParallelWorkers<T>(db: Tx, query: (db: Tx) => Promise<T>): Promise<T> {
  const run = async (tx: Tx) => {
    const [saved] = await tx.$queryRaw<Array<{ value: string }>>`
      SELECT current_setting('max_parallel_workers_per_gather') AS "value",
             set_config('max_parallel_workers_per_gather', '0', true) AS "serial"`;
    const result = await query(tx);
    await tx.$queryRaw`SELECT set_config('max_parallel_workers_per_gather', ${saved!.value}, true)`;
    return result;
  };
  return isPrismaClient(db) ? db.$transaction(run) : run(db);
}

/**
 * One page of contacts matching the view, in the view's order (ties broken by
 * id). `limits` are SEARCH_FROM_MATCHES_LIMIT and SEARCH_HASHED_LIMIT but for
 * tests, which compare the three ways of finding a word search's page.
 */
export async function listContactPage(
  db: Tx,
  scope: FilterScope,
  input: ContactListInput,
  limits: { fromMatches: number; hashed: number } = { fromMatches: SEARCH_FROM_MATCHES_LIMIT, hashed: SEARCH_HASHED_LIMIT },
): Promise<ContactListRow[]> {
  const order = contactOrderSql(input.sort, input.dir);
  const pageIds = await pageIdsSql(db, scope, input, limits);
  const read = (db: Tx) => db.$queryRaw<ContactListRow[]>`
    WITH page AS MATERIALIZED (${pageIds.sql})
    SELECT c."id", c."name", c."phone", c."email",
           c."stage"::text AS "stage", c."temperature"::text AS "temperature", c."score",
           c."source"::text AS "source", c."ownerId", o."name" AS "ownerName",
           c."lastActivityAt", c."createdAt", c."version",
           COALESCE(t."tags", '[]'::json) AS "tags"
      FROM page p
      JOIN "Contact" c ON c."id" = p."id" AND c."organizationId" = ${scope.organizationId}::uuid
      LEFT JOIN "User" o ON o."id" = c."ownerId"
      LEFT JOIN LATERAL (
        SELECT json_agg(
                 json_build_object('id', tag."id", 'name', tag."name", 'color', tag."color",
                                   'source', ct."source", 'confidence', ct."confidence")
                 ORDER BY tag."name") AS "tags"
          FROM "ContactTag" ct
          JOIN "Tag" tag ON tag."id" = ct."tagId" AND tag."organizationId" = ct."organizationId"
         WHERE ct."organizationId" = c."organizationId" AND ct."contactId" = c."id"
      ) t ON true
     ORDER BY ${order}`;
  return pageIds.serial ? withoutParallelWorkers(db, read) : read(db);
}

/** How many contacts match the filter. */
export async function countContacts(db: Tx, scope: FilterScope, filter: ContactFilter): Promise<number> {
  const rows = await db.$queryRaw<Array<{ count: number }>>`
    SELECT count(*)::int AS "count" FROM "Contact" c WHERE ${contactWhereSql(scope, filter)}`;
  return rows[0]?.count ?? 0;
}

/**
 * How many contacts match, counting no further than `cap`: a bounded scan
 * (at most cap + 1 index entries), so a broad filter over a million contacts
 * stays fast. `exact` is false when there are more than `cap`. A one-word
 * search is counted from the search-word index alone.
 */
export async function countContactsUpTo(
  db: Tx,
  scope: FilterScope,
  filter: ContactFilter,
  cap: number,
): Promise<{ count: number; exact: boolean }> {
  const rows = await db.$queryRaw<Array<{ count: number }>>(
    searchWordCountSql(scope, filter, cap + 1) ??
      Prisma.sql`SELECT count(*)::int AS "count"
        FROM (SELECT 1 FROM "Contact" c WHERE ${contactWhereSql(scope, filter)} LIMIT ${cap + 1}) AS matching`,
  );
  const count = rows[0]?.count ?? 0;
  return count > cap ? { count: cap, exact: false } : { count, exact: true };
}

/** The planner's estimate of how many contacts match (no rows are read). */
export async function estimateContacts(db: Tx, scope: FilterScope, filter: ContactFilter): Promise<number> {
  const rows = await db.$queryRaw<Array<{ "QUERY PLAN": unknown }>>`
    EXPLAIN (FORMAT JSON) SELECT 1 FROM "Contact" c WHERE ${contactWhereSql(scope, filter)}`;
  const raw = rows[0]?.["QUERY PLAN"];
  const plan = (typeof raw === "string" ? JSON.parse(raw) : raw) as Array<{ Plan?: { "Plan Rows"?: number } }>;
  return Math.round(plan[0]?.Plan?.["Plan Rows"] ?? 0);
}

/** 2 significant digits: 2,47,312 → 2,50,000. */
export function roundEstimate(n: number): number {
  if (n < 100) return Math.round(n);
  const step = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.round(n / step) * step;
}

/**
 * The list's total: exact up to `cap`; above it, the planner's estimate
 * rounded (never below the cap it passed), with `exact` false.
 */
export async function countContactsForList(
  db: Tx,
  scope: FilterScope,
  filter: ContactFilter,
  cap: number,
): Promise<{ count: number; exact: boolean }> {
  const counted = await countContactsUpTo(db, scope, filter, cap);
  if (counted.exact) return counted;
  const estimate = await estimateContacts(db, scope, filter);
  return { count: Math.max(roundEstimate(estimate), cap), exact: false };
}

export type BoardCard = {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  stage: ContactStage;
  temperature: Temperature;
  score: number;
  ownerId: string | null;
  ownerName: string | null;
  version: number;
};

/** The first `limit` cards of one board column (highest score first, id breaking ties). */
export function listBoardColumn(
  db: Tx,
  scope: FilterScope,
  { filter, stage, limit }: { filter: ContactFilter; stage: ContactStage; limit: number },
): Promise<BoardCard[]> {
  return db.$queryRaw<BoardCard[]>`
    SELECT c."id", c."name", c."phone", c."email", c."stage"::text AS "stage", c."temperature"::text AS "temperature",
           c."score", c."ownerId", o."name" AS "ownerName", c."version"
      FROM "Contact" c
      LEFT JOIN "User" o ON o."id" = c."ownerId"
     WHERE ${contactWhereSql(scope, filter)} AND c."stage" = ${stage}::"ContactStage"
     ORDER BY c."score" DESC, c."id" DESC
     LIMIT ${limit}`;
}

/** Which of `ids` belong to the organization (the rest are ignored by bulk actions). */
export async function findContactIdsInOrganization(
  db: Tx,
  { organizationId, ids }: { organizationId: string; ids: string[] },
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    SELECT c."id" FROM "Contact" c
     WHERE c."organizationId" = ${organizationId}::uuid AND c."id" = ANY(${ids}::uuid[])
     ORDER BY c."id"`;
  return rows.map((row) => row.id);
}

// ---------------------------------------------------------------------------
// What the filter bar and the bulk bar offer

export const COMPANY_FILTER_LIMIT = 300;

export async function listContactFilterOptions(db: Tx, { organizationId }: { organizationId: string }) {
  const [tags, members, companies, customFields] = await Promise.all([
    db.tag.findMany({
      where: { organizationId },
      select: { id: true, name: true, color: true },
      orderBy: { name: "asc" },
    }),
    db.membership.findMany({
      where: { organizationId },
      select: { role: true, user: { select: { id: true, name: true } } },
      orderBy: { user: { name: "asc" } },
    }),
    db.company.findMany({
      where: { organizationId },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
      take: COMPANY_FILTER_LIMIT,
    }),
    db.customFieldDefinition.findMany({
      where: { organizationId },
      select: { key: true, label: true, type: true, options: true },
      orderBy: [{ position: "asc" }, { label: "asc" }],
    }),
  ]);
  return {
    tags,
    members: members.map((member) => ({ id: member.user.id, name: member.user.name, role: member.role })),
    companies,
    customFields,
  };
}

// ---------------------------------------------------------------------------
// One contact's stage (the board)

export function findContactStage(db: Tx, { organizationId, id }: { organizationId: string; id: string }) {
  return db.contact.findFirst({
    where: { id, organizationId },
    select: {
      id: true,
      name: true,
      stage: true,
      ownerId: true,
      version: true,
      updatedAt: true,
      updatedBy: { select: { name: true } },
    },
  });
}

/** Moves the contact to `stage` if it still has `version`; returns how many rows changed (0 or 1). */
export async function setContactStageAtVersion(
  tx: Tx,
  input: { organizationId: string; id: string; version: number; stage: ContactStage; userId: string },
): Promise<number> {
  const result = await tx.contact.updateMany({
    where: { id: input.id, organizationId: input.organizationId, version: input.version },
    data: { stage: input.stage, version: { increment: 1 }, updatedById: input.userId },
  });
  return result.count;
}
