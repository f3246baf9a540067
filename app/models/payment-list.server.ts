// Reads for the payments page: one filter compiler (paymentWhereSql) for the list, its totals and the CSV
// export, so "the payments matching this filter" means the same everywhere; keyset pages on
// (paidAt, id), newest paid first; one aggregate for the totals. Every query is scoped by the organization.
//
// The compiled clause carries text values only (ids, ISO times, enum names), never Dates: the export
// writes them into a COPY statement as literals.
import { Prisma, type PrismaClient } from "~/generated/prisma/client";
import type { PaymentStatus } from "~/generated/prisma/enums";
import { contactsWithWordSql, contactWhereSql, prefixUpperBound, textSearchWords, type FilterScope } from "~/models/contact-query.server";
import { planWordSearch } from "~/models/contact-list.server";
import { contactFilterSchema } from "~/domain/contact/contact-filter.schema";
import { paymentFilterSchema, type PaymentCursor, type PaymentFilter, type PaymentStatusFilter } from "~/domain/payment/payment-filter";
import { dayRange, localDayRange } from "~/utils/clock";
import { isPrismaClient } from "~/utils/prisma-transaction.server";

type Tx = Prisma.TransactionClient | PrismaClient;

/** Whose payments: the organization, the person looking and the organization's zone (what "a day" means). */
export type PaymentScope = FilterScope;

const PAYMENT_STATUSES: ReadonlySet<string> = new Set<PaymentStatus>(["AUTHORIZED", "CAPTURED", "PARTIALLY_REFUNDED", "REFUNDED", "FAILED"]);

function statusClause(statuses: PaymentStatusFilter[]): Prisma.Sql | null {
  if (statuses.length === 0) return null;
  const own = statuses.filter((status) => PAYMENT_STATUSES.has(status));
  const either: Prisma.Sql[] = [];
  if (own.length) either.push(Prisma.sql`p."status" IN (${Prisma.join(own.map((status) => Prisma.sql`${status}::"PaymentStatus"`))})`);
  if (statuses.includes("NEEDS_REVIEW")) either.push(Prisma.sql`p."reviewReason" IS NOT NULL`);
  if (statuses.includes("UNMATCHED")) either.push(Prisma.sql`p."contactId" IS NULL`);
  return either.length === 1 ? either[0]! : Prisma.sql`(${Prisma.join(either, " OR ")})`;
}

/**
 * How a word search meets the payments (the contacts list chooses the same way, for the same reasons).
 * Only contacts with payments can match a payment, so the matches are counted and read among those
 * (PAYING). A word matching few of them looks each one's payments up (`join`: an index probe per
 * contact); a commoner one is hashed once and checked against each payment the list's walk passes
 * (`hashed`), which for a page stops after 50 matches; a word so common that hashing its contacts costs
 * more than the page is looked up for each payment walked (`lookups`: a probe of the contact's own
 * search words). Measured at 200,000 payments over 1,000,000 contacts, 145,000 of them with payments
 * ("aarav": 70,527 contacts, 10,150 with payments).
 */
export type PaymentSearchMode = "join" | "hashed" | "lookups";

/**
 * The search modes, and one more for totals: `sortedIds` gathers the matching contacts' ids, sorted (of
 * several words, those every word matches), into one array that the payments' (organization, contact)
 * index walks in order, leaf after leaf, instead of descending once per contact ("aarav", 10,150 paying
 * contacts: 2,594 index searches, 23/34 ms at p50/p95 measured alone, against 36/43 ms for a probe per
 * contact and 52/59 ms for the merge join over every payment). Only for a word search alone: beside
 * another filter the planner may walk another index and check each payment against the array one
 * element at a time.
 */
export type PaymentSearchForm = PaymentSearchMode | "sortedIds";

/** A payments search looks among the contacts with payments. */
const PAYING = { paying: true } as const;

/** How a page meets a word's contacts: up to `join` of them looked up, up to `hashed` hashed, beyond that a lookup per payment. */
export const PAGE_SEARCH_LIMITS = { join: 2_000, hashed: 20_000 } as const;

/** Which way a search should meet the payments, from its rarest word's matches (counted up to `join` + 1, then estimated). */
export async function paymentSearchMode(db: Tx, scope: PaymentScope, q: string, limits: { join: number; hashed: number }): Promise<PaymentSearchMode> {
  if (!q) return "join";
  const plan = await planWordSearch(db, scope, q, { fromMatches: limits.join, hashed: limits.hashed }, PAYING);
  if (!plan) return textSearchWords(q).length > 0 ? "lookups" : "join";
  return plan.from === "matches" ? "join" : "hashed";
}

/** Some search word of the payment's contact starts with `prefix`, probed on the contact's own words. */
function contactHasWordStartingWith(prefix: string): Prisma.Sql {
  const upper = prefixUpperBound(prefix);
  const range = upper === null ? Prisma.sql`starts_with(w."word", ${prefix})` : Prisma.sql`w."word" >= ${prefix} AND w."word" < ${upper}`;
  return Prisma.sql`EXISTS (SELECT 1 FROM "ContactSearchWord" w WHERE w."organizationId" = p."organizationId" AND w."contactId" = p."contactId" AND ${range})`;
}

/**
 * The payment's contact matches a search, as the contacts list searches: every word typed starts a word
 * of the name or of the email's local part (answered from the search-word index, without reading the
 * contacts), or the phone's last digits, a whole number, an email.
 */
function searchClause(scope: PaymentScope, q: string, mode: PaymentSearchForm): Prisma.Sql {
  const words = textSearchWords(q);
  if (words.length > 0 && mode === "lookups") return Prisma.join(words.map(contactHasWordStartingWith), " AND ");
  if (words.length > 0 && mode === "sortedIds") {
    const matching = Prisma.join(words.map((word) => contactsWithWordSql(scope, word, PAYING)), " INTERSECT ");
    return Prisma.sql`p."contactId" = ANY(ARRAY(${matching} ORDER BY 1))`;
  }
  // "IS TRUE" keeps the IN a hashed subplan checked on each index entry: pulled up into a join, the
  // planner would probe every matching contact instead of walking the list's order.
  const among = (contacts: Prisma.Sql) =>
    mode === "hashed" ? Prisma.sql`(p."contactId" IN (${contacts})) IS TRUE` : Prisma.sql`p."contactId" IN (${contacts})`;
  if (words.length > 0) return Prisma.join(words.map((word) => among(contactsWithWordSql(scope, word, PAYING))), " AND ");
  return among(Prisma.sql`SELECT c."id" FROM "Contact" c WHERE ${contactWhereSql(scope, contactFilterSchema.parse({ q }))}`);
}

/**
 * The WHERE clause (without the keyword) for payments `p` matching `filter` in the scope's organization.
 * The product, agent and contact are checked to be the organization's by the caller; the clause scopes
 * every condition by the organization anyway.
 */
export function paymentWhereSql(scope: PaymentScope, filter: PaymentFilter, { search = "join" }: { search?: PaymentSearchForm } = {}): Prisma.Sql {
  const clauses: Prisma.Sql[] = [Prisma.sql`p."organizationId" = ${scope.organizationId}::uuid`];
  const status = statusClause(filter.status);
  if (status) clauses.push(status);
  if (filter.product) clauses.push(Prisma.sql`p."productId" = ${filter.product}::uuid`);
  if (filter.agent) clauses.push(Prisma.sql`p."agentId" = ${filter.agent}::uuid`);
  if (filter.contact) clauses.push(Prisma.sql`p."contactId" = ${filter.contact}::uuid`);
  if (filter.q) clauses.push(searchClause(scope, filter.q, search));
  // From the start of `from` to the end of `to`, both whole days in the organization's zone.
  const from = filter.from ? localDayRange(filter.from, scope.timeZone) : null;
  const to = filter.to ? localDayRange(filter.to, scope.timeZone) : null;
  if (from) clauses.push(Prisma.sql`p."paidAt" >= ${from.start.toISOString()}::timestamptz`);
  if (to) clauses.push(Prisma.sql`p."paidAt" < ${to.end.toISOString()}::timestamptz`);
  return Prisma.join(clauses, " AND ");
}

export type PaymentListRow = {
  id: string;
  paidAt: Date;
  contactId: string | null;
  contactName: string | null;
  productId: string | null;
  productName: string | null;
  agentId: string | null;
  agentName: string | null;
  amountPaise: bigint;
  refundedPaise: bigint;
  currency: string;
  status: PaymentStatus;
  method: string | null;
  reviewReason: string | null;
  countedAt: Date | null;
  errorDescription: string | null;
  providerPaymentId: string;
};

/**
 * Up to `limit` payments matching the filter, newest paid first (id breaking ties): the first ones, those
 * after `after` (older), or those just before `before` (newer; read upwards, returned newest first).
 * A deferred join: the page's ids come from the (paidAt, id) order alone, then only they are read in full.
 */
type PageInput = { filter: PaymentFilter; after?: PaymentCursor; before?: PaymentCursor; limit: number; search?: PaymentSearchForm };

export function paymentPageSql(scope: PaymentScope, input: PageInput): Prisma.Sql {
  const where = paymentWhereSql(scope, input.filter, { search: input.search });
  const cursor = input.after
    ? Prisma.sql`AND (p."paidAt", p."id") < (${input.after.paidAt.toISOString()}::timestamptz, ${input.after.id}::uuid)`
    : input.before
      ? Prisma.sql`AND (p."paidAt", p."id") > (${input.before.paidAt.toISOString()}::timestamptz, ${input.before.id}::uuid)`
      : Prisma.empty;
  const order = input.before ? Prisma.sql`p."paidAt" ASC, p."id" ASC` : Prisma.sql`p."paidAt" DESC, p."id" DESC`;
  return Prisma.sql`
    WITH page AS MATERIALIZED (
      SELECT p."id", p."paidAt" FROM "Payment" p WHERE ${where} ${cursor} ORDER BY ${order} LIMIT ${input.limit}
    )
    SELECT p."id", p."paidAt", p."contactId", c."name" AS "contactName", p."productId", pr."name" AS "productName",
           p."agentId", u."name" AS "agentName", p."amountPaise", p."refundedPaise", p."currency", p."status"::text AS "status",
           p."method", p."reviewReason", p."countedAt", p."errorDescription", p."providerPaymentId"
      FROM page
      JOIN "Payment" p ON p."id" = page."id" AND p."organizationId" = ${scope.organizationId}::uuid
      LEFT JOIN "Contact" c ON c."id" = p."contactId" AND c."organizationId" = p."organizationId"
      LEFT JOIN "Product" pr ON pr."id" = p."productId" AND pr."organizationId" = p."organizationId"
      LEFT JOIN "User" u ON u."id" = p."agentId"
     ORDER BY p."paidAt" DESC, p."id" DESC`;
}

export async function listPaymentPage(db: Tx, scope: PaymentScope, input: Omit<PageInput, "search">): Promise<PaymentListRow[]> {
  const search = await paymentSearchMode(db, scope, input.filter.q, PAGE_SEARCH_LIMITS);
  return db.$queryRaw<PaymentListRow[]>(paymentPageSql(scope, { ...input, search }));
}

export type PaymentTotals = {
  /** Payments matching the filter, counted or not. */
  payments: number;
  /** Of them, those that count: captured, matched to a contact, not flagged for review (countedAt set). */
  counted: number;
  capturedPaise: bigint;
  refundedPaise: bigint;
  /** Captured less refunded: what the counted payments brought in. */
  netPaise: bigint;
};

const COUNTED_SUMS = Prisma.sql`count(*) AS "payments", count(*) FILTER (WHERE p."countedAt" IS NOT NULL) AS "counted",
  COALESCE(sum(p."amountPaise") FILTER (WHERE p."countedAt" IS NOT NULL), 0) AS "capturedPaise",
  COALESCE(sum(p."refundedPaise") FILTER (WHERE p."countedAt" IS NOT NULL), 0) AS "refundedPaise"`;

/** The totals of the payments matching the filter, from the payments themselves; money only from counted payments. */
export function paymentTotalsSql(scope: PaymentScope, filter: PaymentFilter, search: PaymentSearchForm = "join"): Prisma.Sql {
  return Prisma.sql`
    SELECT t."payments"::int, t."counted"::int, t."capturedPaise"::bigint, t."refundedPaise"::bigint, (t."capturedPaise" - t."refundedPaise")::bigint AS "netPaise"
      FROM (SELECT ${COUNTED_SUMS} FROM "Payment" p WHERE ${paymentWhereSql(scope, filter, { search })}) t`;
}

function dailyStatusClause(statuses: PaymentStatusFilter[]): Prisma.Sql | null {
  if (statuses.length === 0) return null;
  const own = statuses.filter((status) => PAYMENT_STATUSES.has(status));
  const either: Prisma.Sql[] = [];
  if (own.length) either.push(Prisma.sql`t."status" IN (${Prisma.join(own.map((status) => Prisma.sql`${status}::"PaymentStatus"`))})`);
  if (statuses.includes("NEEDS_REVIEW")) either.push(Prisma.sql`t."flagged"`);
  if (statuses.includes("UNMATCHED")) either.push(Prisma.sql`NOT t."matched"`);
  return Prisma.sql`(${Prisma.join(either, " OR ")})`;
}

/**
 * The totals of a filter by status and days only, from the daily totals ("PaymentDailyTotal" and the
 * changes recorded since the last fold, "PaymentDailyTotalChange", written by triggers on "Payment" in
 * the same transactions as the payments): the UTC days wholly inside the range from there, the part-days at its ends
 * (an organization's day seldom starts at midnight UTC: 18:30 in India) from the payments, all in one
 * aggregate. Null for any other filter (a product, an agent, a contact, a search: their payments are
 * few enough to add up directly, from their own indexes), and for a range without one whole UTC day.
 */
export function dailyPaymentTotalsSql(scope: PaymentScope, filter: PaymentFilter): Prisma.Sql | null {
  if (filter.product || filter.agent || filter.contact || filter.q) return null;
  const start = filter.from ? localDayRange(filter.from, scope.timeZone)?.start ?? null : null;
  const end = filter.to ? localDayRange(filter.to, scope.timeZone)?.end ?? null : null;
  // Whole UTC days: from the first midnight at or after the start to the last one at or before the end.
  const firstDay = start ? (dayRange(start, "UTC").start.getTime() === start.getTime() ? start : dayRange(start, "UTC").end) : null;
  const lastDay = end ? dayRange(end, "UTC").start : null;
  if (firstDay && lastDay && firstDay >= lastDay) return null;
  const day = (instant: Date) => instant.toISOString().slice(0, 10);
  const daily: Prisma.Sql[] = [Prisma.sql`t."organizationId" = ${scope.organizationId}::uuid`];
  if (firstDay) daily.push(Prisma.sql`t."day" >= ${day(firstDay)}::date`);
  if (lastDay) daily.push(Prisma.sql`t."day" < ${day(lastDay)}::date`);
  const status = dailyStatusClause(filter.status);
  if (status) daily.push(status);
  const others = paymentWhereSql(scope, { ...filter, from: undefined, to: undefined });
  const part = (from: Date, to: Date) => Prisma.sql`
    UNION ALL SELECT ${COUNTED_SUMS} FROM "Payment" p
     WHERE ${others} AND p."paidAt" >= ${from.toISOString()}::timestamptz AND p."paidAt" < ${to.toISOString()}::timestamptz`;
  const buckets = Prisma.join(daily, " AND ");
  return Prisma.sql`
    SELECT COALESCE(sum(x."payments"), 0)::int AS "payments", COALESCE(sum(x."counted"), 0)::int AS "counted",
           COALESCE(sum(x."capturedPaise"), 0)::bigint AS "capturedPaise", COALESCE(sum(x."refundedPaise"), 0)::bigint AS "refundedPaise",
           (COALESCE(sum(x."capturedPaise"), 0) - COALESCE(sum(x."refundedPaise"), 0))::bigint AS "netPaise"
      FROM (
        SELECT t."payments"::bigint AS "payments", t."counted"::bigint AS "counted", t."capturedPaise", t."refundedPaise"
          FROM "PaymentDailyTotal" t WHERE ${buckets}
        UNION ALL
        SELECT t."payments", t."counted", t."capturedPaise", t."refundedPaise" FROM "PaymentDailyTotalChange" t WHERE ${buckets}
        ${start && firstDay && start < firstDay ? part(start, firstDay) : Prisma.empty}
        ${end && lastDay && lastDay < end ? part(lastDay, end) : Prisma.empty}
      ) x`;
}

/**
 * Runs one statement with sequential scans priced out and no parallel workers. Every payment index
 * carries the columns the totals and the filters read (INCLUDE), so an index-only scan answers any
 * filter; over most of an organization's payments the planner still prefers reading the table, whose
 * wide rows cost more to sum (at 200,000 payments, 97 ms of CPU for the table against 40 ms for an
 * index, serially). Parallel workers each build their own hash of a search's contacts and fight the
 * web for two cores: serially, the busiest product's totals took 13 ms at p95 against 31, a common
 * name's 38 against 69. `mergeJoins` prices out hash joins too, for a word so common that hashing its
 * contacts costs more than sorting them and walking the payments in contact order (tens of thousands
 * of contacts: 67 ms at p95 against 101). `set_config(…, true)` lasts until the transaction ends: a
 * batch of two statements on a client (about 1 ms more than the statement alone), or the caller's own
 * transaction, which gets its settings back afterwards.
 */
export async function withIndexScans<T>(db: Tx, statement: Prisma.Sql, { mergeJoins = false }: { mergeJoins?: boolean } = {}): Promise<T[]> {
  const noHashJoins = mergeJoins ? Prisma.sql`, set_config('enable_hashjoin', 'off', true) AS "merged"` : Prisma.empty;
  const priceOut = Prisma.sql`set_config('enable_seqscan', 'off', true) AS "indexed", set_config('max_parallel_workers_per_gather', '0', true) AS "serial"${noHashJoins}`;
  if (isPrismaClient(db)) {
    const [, rows] = await db.$transaction([db.$queryRaw`SELECT ${priceOut}`, db.$queryRaw<T[]>(statement)]);
    return rows;
  }
  const [saved] = await db.$queryRaw<Array<{ seqscan: string; workers: string; hashjoin: string }>>`
    SELECT current_setting('enable_seqscan') AS "seqscan", current_setting('max_parallel_workers_per_gather') AS "workers",
           current_setting('enable_hashjoin') AS "hashjoin", ${priceOut}`;
  const rows = await db.$queryRaw<T[]>(statement);
  await db.$queryRaw`SELECT set_config('enable_seqscan', ${saved!.seqscan}, true), set_config('max_parallel_workers_per_gather', ${saved!.workers}, true),
    set_config('enable_hashjoin', ${saved!.hashjoin}, true)`;
  return rows;
}

/** A search by words of the contacts' names or emails, and no other filter (a field added later included). */
function isWordSearchAlone(filter: PaymentFilter): boolean {
  if (textSearchWords(filter.q).length === 0) return false;
  const searchAlone: PaymentFilter = paymentFilterSchema.parse({ q: filter.q });
  return (Object.keys(filter) as Array<keyof PaymentFilter>).every((key) => JSON.stringify(filter[key]) === JSON.stringify(searchAlone[key]));
}

/**
 * The totals, in one aggregate: by status and days from the daily totals, a word search alone from
 * its contacts' sorted ids, any other filter from the payments' own indexes.
 */
export async function paymentTotals(db: Tx, scope: PaymentScope, filter: PaymentFilter): Promise<PaymentTotals> {
  const daily = dailyPaymentTotalsSql(scope, filter);
  if (daily) return (await db.$queryRaw<PaymentTotals[]>(daily))[0]!;
  if (isWordSearchAlone(filter)) return (await withIndexScans<PaymentTotals>(db, paymentTotalsSql(scope, filter, "sortedIds")))[0]!;
  // The totals read every matching payment: a search's contacts are left to the planner as a join
  // (probes for a rare word, a hash join for a common one), except for a word too common to hash well,
  // whose contacts are sorted and met in contact order.
  const commonWord = filter.q ? (await paymentSearchMode(db, scope, filter.q, PAGE_SEARCH_LIMITS)) === "lookups" : false;
  const rows = await withIndexScans<PaymentTotals>(db, paymentTotalsSql(scope, filter, "join"), { mergeJoins: commonWord });
  return rows[0]!;
}

/**
 * Folds the recorded changes into the daily totals and removes emptied buckets: the payments_compact_totals
 * sweep. One statement moves the changes (deleted and added up in the same snapshot, so a reader sees
 * either the changes or their sum, never both or neither); changes recorded meanwhile wait for the next
 * fold. Buckets are written in key order, so two folds at once wait instead of deadlocking. Returns how
 * many changes it folded.
 */
export async function foldPaymentDailyTotals(db: PrismaClient): Promise<number> {
  return db.$transaction(async (tx) => {
    const [folded] = await tx.$queryRaw<Array<{ changes: number; emptied: unknown }>>`
      WITH moved AS (DELETE FROM "PaymentDailyTotalChange" RETURNING *),
           summed AS (
             INSERT INTO "PaymentDailyTotal" AS t ("organizationId", "day", "status", "flagged", "matched", "payments", "counted", "capturedPaise", "refundedPaise")
             SELECT m."organizationId", m."day", m."status", m."flagged", m."matched", sum(m."payments"), sum(m."counted"), sum(m."capturedPaise"), sum(m."refundedPaise")
               FROM moved m GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
             ON CONFLICT ("organizationId", "day", "status", "flagged", "matched") DO UPDATE
                SET "payments" = t."payments" + EXCLUDED."payments", "counted" = t."counted" + EXCLUDED."counted",
                    "capturedPaise" = t."capturedPaise" + EXCLUDED."capturedPaise", "refundedPaise" = t."refundedPaise" + EXCLUDED."refundedPaise"
             RETURNING t.*
           )
      SELECT (SELECT count(*) FROM moved)::int AS "changes",
             (SELECT COALESCE(json_agg(json_build_object('organizationId', s."organizationId", 'day', s."day", 'status', s."status", 'flagged', s."flagged", 'matched', s."matched")), '[]')
                FROM summed s WHERE s."payments" = 0) AS "emptied"`;
    // Buckets left with no payment (every payment moved on to another status, or was deleted) go.
    await tx.$executeRaw`
      DELETE FROM "PaymentDailyTotal" t
       USING jsonb_to_recordset(${JSON.stringify(folded?.emptied ?? [])}::jsonb) AS e("organizationId" uuid, "day" date, "status" "PaymentStatus", "flagged" boolean, "matched" boolean)
       WHERE t."organizationId" = e."organizationId" AND t."day" = e."day" AND t."status" = e."status" AND t."flagged" = e."flagged" AND t."matched" = e."matched"
         AND t."payments" = 0`;
    return folded?.changes ?? 0;
  });
}

/** What the filter form offers: every product (archived ones too: old payments name them) and every member. */
export async function listPaymentFilterOptions(db: Tx, { organizationId }: { organizationId: string }) {
  const [products, members] = await Promise.all([
    db.product.findMany({ where: { organizationId }, select: { id: true, name: true, active: true }, orderBy: [{ active: "desc" }, { name: "asc" }] }),
    db.membership.findMany({ where: { organizationId }, select: { role: true, user: { select: { id: true, name: true } } }, orderBy: { user: { name: "asc" } } }),
  ]);
  return { products, members: members.map((member) => ({ id: member.user.id, name: member.user.name, role: member.role })) };
}

/** The product, if it is the organization's (archived or not). */
export function findPaymentFilterProduct(db: Tx, { organizationId, id }: { organizationId: string; id: string }) {
  return db.product.findFirst({ where: { organizationId, id }, select: { id: true, name: true } });
}

/** The contact, if it is the organization's. */
export function findPaymentFilterContact(db: Tx, { organizationId, id }: { organizationId: string; id: string }) {
  return db.contact.findFirst({ where: { organizationId, id }, select: { id: true, name: true } });
}

/** The agent, if they are a member of the organization or made a link or order one of its payments paid (a member who left). */
export async function findPaymentFilterAgent(db: Tx, { organizationId, id }: { organizationId: string; id: string }) {
  const rows = await db.$queryRaw<Array<{ id: string; name: string }>>`
    SELECT u."id", u."name" FROM "User" u
     WHERE u."id" = ${id}::uuid
       AND (EXISTS (SELECT 1 FROM "Membership" m WHERE m."organizationId" = ${organizationId}::uuid AND m."userId" = u."id")
            OR EXISTS (SELECT 1 FROM "Payment" p WHERE p."organizationId" = ${organizationId}::uuid AND p."agentId" = u."id"))`;
  return rows[0] ?? null;
}
