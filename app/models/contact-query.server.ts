// Compiles a contact list view into SQL. One compiler serves the list, counts,
// the kanban board, bulk actions ("everything matching this filter") and the
// CSV export, so they always agree on what a filter means. Every clause starts
// with the organization.
import { Prisma } from "~/generated/prisma/client";
import {
  contactFilterSchema,
  type ContactFilter,
  type ContactListInput,
} from "~/domain/contact/contact-filter.schema";
import { phoneSearchDigits } from "~/utils/phone";
import { normalizePhone } from "~/utils/phone.server";
import { localDayRange } from "~/utils/clock";

/** Whose view: the organization, the person ("owner: me") and the organization's time zone (what "a day" means). */
export type FilterScope = { organizationId: string; userId: string; timeZone: string };

/** The smallest string above every string that starts with `prefix` (in code-point order), or null. */
export function prefixUpperBound(prefix: string): string | null {
  const points = [...prefix];
  const last = points.pop();
  if (last === undefined) return null;
  const next = (last.codePointAt(0) ?? 0) + 1;
  if (next > 0x10ffff || (next >= 0xd800 && next <= 0xdfff)) return null;
  return points.join("") + String.fromCodePoint(next);
}

/**
 * `expression` starts with `prefix`, written as a byte-order range with the
 * text_pattern_ops operators (~>=~, ~<~) so PostgreSQL answers it from the
 * expression indexes alone, without rechecking a LIKE on every row.
 */
function startsWith(expression: Prisma.Sql, prefix: string): Prisma.Sql {
  const upper = prefixUpperBound(prefix);
  return upper === null
    ? Prisma.sql`${expression} ~>=~ ${prefix}`
    : Prisma.sql`${expression} ~>=~ ${prefix} AND ${expression} ~<~ ${upper}`;
}

/**
 * What separates words in names and emails, exactly as the database's
 * contact_search_words() splits them (migration contact_search_words; a test
 * compares the two over every character): ASCII other than letters and digits,
 * Latin-1 punctuation and symbols, × ÷, the Devanagari dandas, general
 * punctuation and spaces (not the zero-width joiners inside Indic words),
 * ideographic and full-width punctuation, the byte-order mark. Everything else
 * (Devanagari letters and their vowel signs included) belongs to a word.
 */
// eslint-disable-next-line no-control-regex -- control characters separate words, as in the database
export const SEARCH_WORD_SEPARATORS = /[\u0001-\u002f\u003a-\u0040\u005b-\u0060\u007b-\u00bf\u00d7\u00f7\u0964\u0965\u2000-\u200b\u200e-\u206f\u3000-\u3003\ufeff\uff01-\uff0f\uff1a-\uff20]+/u;

/** The distinct words of a search as the database indexes words: NFC, A–Z folded to a–z. */
export function searchWords(text: string): string[] {
  const folded = text.normalize("NFC").replace(/[A-Z]/g, (letter) => letter.toLowerCase());
  return [...new Set(folded.split(SEARCH_WORD_SEPARATORS).filter(Boolean))];
}

/** The byte-order range of words starting with `prefix` on the search-word row `w`. */
function wordStartsWith(prefix: string): Prisma.Sql {
  const upper = prefixUpperBound(prefix);
  return upper === null
    ? Prisma.sql`starts_with(w."word", ${prefix})`
    : Prisma.sql`w."word" >= ${prefix} AND w."word" < ${upper}`;
}

/** Some word of the contact's name or email's local part starts with `prefix`. */
function hasWordStartingWith(prefix: string): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM "ContactSearchWord" w
      WHERE w."organizationId" = c."organizationId" AND w."contactId" = c."id" AND ${wordStartsWith(prefix)})`;
}

/** The words a text search looks for; none when it looks for a phone number or an email address. */
export function textSearchWords(q: string): string[] {
  if (!q || phoneSearchDigits(q) || q.includes("@")) return [];
  return searchWords(q);
}

/** The one word a text search looks for, when the search is a single word of a name or email. */
function singleSearchWord(q: string): string | null {
  const words = textSearchWords(q);
  return words.length === 1 ? words[0]! : null;
}

/** Which contacts a word search looks among: all of them, or (`paying`) those that have had a payment. */
export type SearchWordOptions = { paying?: boolean };

/**
 * The contacts with some word starting with `prefix`, one row (`contactId`) per
 * contact, from the search-word index alone (see searchWordCountSql for why
 * `previousWord` makes each contact appear once). `paying` reads the words of
 * contacts with payments only, from their own smaller index: what a payments
 * search needs, since a contact without payments matches no payment.
 */
export function contactsWithWordSql(scope: FilterScope, prefix: string, { paying = false }: SearchWordOptions = {}): Prisma.Sql {
  return Prisma.sql`SELECT w."contactId" FROM "ContactSearchWord" w
     WHERE w."organizationId" = ${scope.organizationId}::uuid AND ${wordStartsWith(prefix)} AND w."previousWord" < ${prefix}${paying ? Prisma.sql` AND w."paying"` : Prisma.empty}`;
}

/**
 * The contact keeps a phone or email matching `condition` as a secondary
 * identity (left by a contact merged into it). The identities are read once
 * (an InitPlan: usually none), so the contact's own indexes still serve the
 * search, OR-ed with a primary-key lookup. Only exact numbers and emails look
 * here: a broad phone suffix would turn the count's index-only scan into a
 * heap scan.
 */
function answersToIdentity(organizationId: string, kind: "PHONE" | "EMAIL", condition: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`c."id" = ANY(ARRAY(SELECT ci."contactId" FROM "ContactIdentity" ci
      WHERE ci."organizationId" = ${organizationId}::uuid AND ci."kind" = ${kind}::"ContactIdentityKind" AND ${condition}))`;
}

function searchClause(organizationId: string, q: string, exceptWord?: string): Prisma.Sql | null {
  if (!q) return null;
  const digits = phoneSearchDigits(q);
  if (digits) {
    const full = digits.length >= 10 ? normalizePhone(q) : null;
    if (full) return Prisma.sql`(c."phone" = ${full} OR ${answersToIdentity(organizationId, "PHONE", Prisma.sql`ci."value" = ${full}`)})`;
    return startsWith(Prisma.sql`reverse(c."phone")`, [...digits].reverse().join(""));
  }
  if (q.includes("@")) {
    const email = q.toLowerCase();
    return Prisma.sql`((${startsWith(Prisma.sql`c."email"`, email)}) OR ${answersToIdentity(organizationId, "EMAIL", startsWith(Prisma.sql`ci."value"`, email))})`;
  }
  // Every word typed starts some word of the name or of the email's local part:
  // "sharma", "ananya sh" and "शर्मा" all find "Ananya Sharma" / "अनन्या शर्मा".
  const words = searchWords(q);
  if (words.length === 0) return startsWith(Prisma.sql`lower(c."name")`, q.toLowerCase());
  const checked = words.filter((word) => word !== exceptWord);
  return checked.length ? Prisma.join(checked.map(hasWordStartingWith), " AND ") : null;
}

/**
 * When the filter is nothing but a one-word text search, the SQL counting its
 * matches (up to `limit`) from the search-word index alone, without reading a
 * contact: a prefix range holds several words of some contacts, and only the
 * first of a contact's words in the range has its previous word below the
 * range, so each contact counts once. Null for any other filter.
 */
export function searchWordCountSql(scope: FilterScope, filter: ContactFilter, limit: number): Prisma.Sql | null {
  const word = singleSearchWord(filter.q);
  if (!word) return null;
  // Any other filter (whatever filters there come to be) shows in the compiled clause.
  const alone = contactWhereSql(scope, contactFilterSchema.parse({ q: filter.q }));
  const given = contactWhereSql(scope, filter);
  if (given.sql !== alone.sql || JSON.stringify(given.values) !== JSON.stringify(alone.values)) return null;
  return Prisma.sql`
    SELECT count(*)::int AS "count" FROM (${contactsWithWordSql(scope, word)} LIMIT ${limit}) AS matching`;
}

/**
 * The WHERE clause (without the keyword) for contacts `c` matching `filter` in
 * the scope's organization. `exceptSearchWord` leaves out the check for one
 * search word, for a query that starts from that word's matches.
 */
export function contactWhereSql(
  scope: FilterScope,
  filter: ContactFilter,
  { exceptSearchWord }: { exceptSearchWord?: string } = {},
): Prisma.Sql {
  const clauses: Prisma.Sql[] = [Prisma.sql`c."organizationId" = ${scope.organizationId}::uuid`];
  const search = searchClause(scope.organizationId, filter.q, exceptSearchWord);
  if (search) clauses.push(search);
  if (filter.stage.length) {
    clauses.push(Prisma.sql`c."stage" IN (${Prisma.join(filter.stage.map((s) => Prisma.sql`${s}::"ContactStage"`))})`);
  }
  if (filter.temperature.length) {
    clauses.push(
      Prisma.sql`c."temperature" IN (${Prisma.join(filter.temperature.map((t) => Prisma.sql`${t}::"Temperature"`))})`,
    );
  }
  if (filter.source.length) {
    clauses.push(Prisma.sql`c."source" IN (${Prisma.join(filter.source.map((s) => Prisma.sql`${s}::"ContactSource"`))})`);
  }
  for (const tagId of filter.tag) {
    clauses.push(Prisma.sql`EXISTS (SELECT 1 FROM "ContactTag" ct
      WHERE ct."organizationId" = c."organizationId" AND ct."tagId" = ${tagId}::uuid AND ct."contactId" = c."id")`);
  }
  if (filter.owner === "me") clauses.push(Prisma.sql`c."ownerId" = ${scope.userId}::uuid`);
  else if (filter.owner === "none") clauses.push(Prisma.sql`c."ownerId" IS NULL`);
  else if (filter.owner) clauses.push(Prisma.sql`c."ownerId" = ${filter.owner}::uuid`);
  if (filter.company) clauses.push(Prisma.sql`c."companyId" = ${filter.company}::uuid`);
  if (filter.scoreMin !== undefined) clauses.push(Prisma.sql`c."score" >= ${filter.scoreMin}`);
  if (filter.scoreMax !== undefined) clauses.push(Prisma.sql`c."score" <= ${filter.scoreMax}`);
  // Active from the start of `activeFrom` to the end of `activeTo`, both days in the organization's zone
  // (ISO text, not Dates: the export inlines these values into a COPY statement).
  const from = filter.activeFrom ? localDayRange(filter.activeFrom, scope.timeZone) : null;
  const to = filter.activeTo ? localDayRange(filter.activeTo, scope.timeZone) : null;
  if (from) clauses.push(Prisma.sql`c."lastActivityAt" >= ${from.start.toISOString()}::timestamptz`);
  if (to) clauses.push(Prisma.sql`c."lastActivityAt" < ${to.end.toISOString()}::timestamptz`);
  for (const [key, value] of Object.entries(filter.cf)) {
    // Values are stored as strings (see custom fields), so containment is exact equality.
    clauses.push(Prisma.sql`c."customFields" @> ${JSON.stringify({ [key]: value })}::jsonb`);
  }
  return Prisma.join(clauses, " AND ");
}

const SORT_COLUMNS: Record<ContactListInput["sort"], Prisma.Sql> = {
  score: Prisma.sql`c."score"`,
  createdAt: Prisma.sql`c."createdAt"`,
  lastActivityAt: Prisma.sql`c."lastActivityAt"`,
  name: Prisma.sql`lower(c."name")`,
};

/** ORDER BY for a list view; the id breaks ties so pages never overlap. */
export function contactOrderSql(sort: ContactListInput["sort"], dir: ContactListInput["dir"]): Prisma.Sql {
  const direction = dir === "asc" ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  return Prisma.sql`${SORT_COLUMNS[sort]} ${direction}, c."id" ${direction}`;
}
