// Possible duplicates of a contact and its secondary phones and emails
// (ContactIdentity). Every query is scoped by organization.
import { Prisma, type PrismaClient } from "~/generated/prisma/client";
import type { ContactIdentityKind } from "~/generated/prisma/enums";

type Tx = Prisma.TransactionClient | PrismaClient;
type Scope = { organizationId: string };

/** pg_trgm similarity a name needs to count as "similar" (1 is the same trigrams). */
export const NAME_SIMILARITY_THRESHOLD = 0.5;
export const DUPLICATES_LIMIT = 20;

export type DuplicateReason = "phone" | "email" | "name";

export type PossibleDuplicateRow = {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  ownerId: string | null;
  createdAt: Date;
  matchedOn: DuplicateReason;
  /** Name similarity 0–1 when matched on the name. */
  similarity: number | null;
};

/** The last 10 digits reversed, as a prefix of reverse(phone): the same number with or without a country code. */
function reversedSuffix(phone: string): string | null {
  const digits = phone.replace(/\D/g, "");
  return digits.length >= 10 ? [...digits.slice(-10)].reverse().join("") : null;
}

/** A name as compared: trimmed, single spaces. (Lowercasing happens in SQL, as in the index: lower() folds ASCII only in the C locale.) */
function comparableName(name: string): string {
  return name.trim().replace(/\s+/g, " ");
}

/**
 * Other contacts that look like the same person: one of `phones` with the same
 * last 10 digits, one of `emails` (on the contact or as a secondary identity),
 * and with `similarNames`, a name whose trigram similarity is at least
 * NAME_SIMILARITY_THRESHOLD or that is the same once lowercased (names with no
 * ASCII letters have no trigrams in the C locale: Devanagari only matches
 * exactly). Phone matches first, then email, then the most similar names.
 */
export async function listPossibleDuplicates(
  db: PrismaClient,
  input: Scope & { id: string; phones: string[]; emails: string[]; name: string; similarNames: boolean },
): Promise<PossibleDuplicateRow[]> {
  const { organizationId, id } = input;
  const branches: Prisma.Sql[] = [];
  const suffixes = [...new Set(input.phones.map(reversedSuffix).filter((s): s is string => s !== null))];
  for (const suffix of suffixes) {
    const pattern = `${suffix}%`;
    branches.push(Prisma.sql`(SELECT c."id", 1 AS "rank", NULL::real AS "similarity" FROM "Contact" c
       WHERE c."organizationId" = ${organizationId}::uuid AND reverse(c."phone") LIKE ${pattern} AND c."id" <> ${id}::uuid
       LIMIT ${DUPLICATES_LIMIT})`);
    branches.push(Prisma.sql`(SELECT i."contactId" AS "id", 1 AS "rank", NULL::real AS "similarity" FROM "ContactIdentity" i
       WHERE i."organizationId" = ${organizationId}::uuid AND i."kind" = 'PHONE' AND reverse(i."value") LIKE ${pattern}
         AND i."contactId" <> ${id}::uuid
       LIMIT ${DUPLICATES_LIMIT})`);
  }
  const emails = [...new Set(input.emails.map((email) => email.toLowerCase()))];
  if (emails.length > 0) {
    branches.push(Prisma.sql`(SELECT c."id", 2 AS "rank", NULL::real AS "similarity" FROM "Contact" c
       WHERE c."organizationId" = ${organizationId}::uuid AND c."email" = ANY(${emails}::text[]) AND c."id" <> ${id}::uuid
       LIMIT ${DUPLICATES_LIMIT})`);
    branches.push(Prisma.sql`(SELECT i."contactId" AS "id", 2 AS "rank", NULL::real AS "similarity" FROM "ContactIdentity" i
       WHERE i."organizationId" = ${organizationId}::uuid AND i."kind" = 'EMAIL' AND i."value" = ANY(${emails}::text[])
         AND i."contactId" <> ${id}::uuid
       LIMIT ${DUPLICATES_LIMIT})`);
  }
  const name = comparableName(input.name);
  if (input.similarNames && name) {
    // Nearest names first through the GiST index; `%` (at the threshold set below) lets it skip whole subtrees.
    branches.push(Prisma.sql`(SELECT c."id", 3 AS "rank", similarity(lower(c."name"), lower(${name}))::real AS "similarity" FROM "Contact" c
       WHERE c."organizationId" = ${organizationId}::uuid AND lower(c."name") % lower(${name}) AND c."id" <> ${id}::uuid
       ORDER BY lower(c."name") <-> lower(${name})
       LIMIT ${DUPLICATES_LIMIT})`);
    branches.push(Prisma.sql`(SELECT c."id", 3 AS "rank", 1::real AS "similarity" FROM "Contact" c
       WHERE c."organizationId" = ${organizationId}::uuid AND lower(c."name") = lower(${name}) AND c."id" <> ${id}::uuid
       LIMIT ${DUPLICATES_LIMIT})`);
  }
  if (branches.length === 0) return [];
  const query = Prisma.sql`
    WITH candidates AS (${Prisma.join(branches, " UNION ALL ")}),
    best AS (
      SELECT DISTINCT ON ("id") "id", "rank", "similarity" FROM candidates ORDER BY "id", "rank", "similarity" DESC NULLS LAST
    )
    SELECT c."id", c."name", c."phone", c."email", c."ownerId", c."createdAt",
           CASE b."rank" WHEN 1 THEN 'phone' WHEN 2 THEN 'email' ELSE 'name' END AS "matchedOn", b."similarity"
      FROM best b
      JOIN "Contact" c ON c."id" = b."id" AND c."organizationId" = ${organizationId}::uuid
     ORDER BY b."rank", b."similarity" DESC NULLS LAST, c."createdAt" ASC, c."id"
     LIMIT ${DUPLICATES_LIMIT}`;
  if (!input.similarNames) return db.$queryRaw<PossibleDuplicateRow[]>(query);
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT set_config('pg_trgm.similarity_threshold', ${String(NAME_SIMILARITY_THRESHOLD)}, true)`;
    return tx.$queryRaw<PossibleDuplicateRow[]>(query);
  });
}

export function listContactIdentities(db: Tx, { organizationId, contactId }: Scope & { contactId: string }) {
  return db.contactIdentity.findMany({
    where: { organizationId, contactId },
    select: { id: true, kind: true, value: true, createdAt: true },
    orderBy: [{ kind: "asc" }, { createdAt: "asc" }],
  });
}

/** The contact a secondary phone or email belongs to, if any (other than `excludeId`). */
export function findContactByIdentity(
  db: Tx,
  { organizationId, kind, value, excludeId }: Scope & { kind: ContactIdentityKind; value: string; excludeId?: string },
) {
  return db.contactIdentity.findFirst({
    where: { organizationId, kind, value, ...(excludeId ? { contactId: { not: excludeId } } : {}) },
    select: { contact: { select: { id: true, name: true, phone: true, email: true } } },
  });
}

/** The own phone and email of the contacts these secondary phones belong to, by secondary phone. */
export async function contactsOfSecondaryPhones(tx: Tx, { organizationId, phones }: Scope & { phones: string[] }) {
  if (phones.length === 0) return new Map<string, { phone: string | null; email: string | null }>();
  const rows = await tx.$queryRaw<Array<{ value: string; phone: string | null; email: string | null }>>`
    SELECT i."value", c."phone", c."email" FROM "ContactIdentity" i
      JOIN "Contact" c ON c."id" = i."contactId" AND c."organizationId" = i."organizationId"
     WHERE i."organizationId" = ${organizationId}::uuid AND i."kind" = 'PHONE' AND i."value" = ANY(${phones}::text[])`;
  return new Map(rows.map((row) => [row.value, { phone: row.phone, email: row.email }]));
}

/**
 * The contact each of these (lowercased) emails belongs to, by email: as its own email, or as a
 * secondary one (kept from a merge); with `secondaryOnly`, secondary ones only.
 */
export async function contactsOfEmails(
  tx: Tx,
  { organizationId, emails, secondaryOnly = false }: Scope & { emails: string[]; secondaryOnly?: boolean },
) {
  const found = new Map<string, { id: string; phone: string | null; email: string | null }>();
  if (emails.length === 0) return found;
  const own = secondaryOnly
    ? []
    : await tx.$queryRaw<Array<{ value: string; id: string; phone: string | null; email: string | null }>>`
        SELECT lower(c."email") AS "value", c."id", c."phone", c."email" FROM "Contact" c
         WHERE c."organizationId" = ${organizationId}::uuid AND lower(c."email") = ANY(${emails}::text[])`;
  const secondary = await tx.$queryRaw<Array<{ value: string; id: string; phone: string | null; email: string | null }>>`
    SELECT i."value", c."id", c."phone", c."email" FROM "ContactIdentity" i
      JOIN "Contact" c ON c."id" = i."contactId" AND c."organizationId" = i."organizationId"
     WHERE i."organizationId" = ${organizationId}::uuid AND i."kind" = 'EMAIL' AND i."value" = ANY(${emails}::text[])`;
  for (const row of [...secondary, ...own]) found.set(row.value, { id: row.id, phone: row.phone, email: row.email });
  return found;
}
