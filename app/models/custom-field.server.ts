// Custom field definitions. Values live in Contact.customFields under each key.
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import type { CustomFieldType } from "~/generated/prisma/enums";

type Tx = Prisma.TransactionClient | PrismaClient;
type Scope = { organizationId: string };

export function listCustomFields(db: Tx, { organizationId }: Scope) {
  return db.customFieldDefinition.findMany({
    where: { organizationId },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
  });
}

export function findCustomField(db: Tx, { organizationId, id }: Scope & { id: string }) {
  return db.customFieldDefinition.findFirst({ where: { id, organizationId } });
}

export function findCustomFieldByKey(db: Tx, { organizationId, key }: Scope & { key: string }) {
  return db.customFieldDefinition.findUnique({ where: { organizationId_key: { organizationId, key } } });
}

export async function insertCustomField(
  tx: Tx,
  { organizationId, key, label, type, options }: Scope & { key: string; label: string; type: CustomFieldType; options: string[] },
) {
  const last = await tx.customFieldDefinition.aggregate({ where: { organizationId }, _max: { position: true } });
  return tx.customFieldDefinition.create({
    data: { organizationId, key, label, type, options, position: (last._max.position ?? -1) + 1 },
  });
}

/** Writes positions 0..n-1 in the given order. */
export async function setCustomFieldOrder(tx: Tx, { organizationId, ids }: Scope & { ids: string[] }) {
  for (const [position, id] of ids.entries()) {
    await tx.customFieldDefinition.updateMany({ where: { id, organizationId }, data: { position } });
  }
}

/** Deletes the definition and removes its key from every contact of the organization; returns contacts cleared. */
export async function deleteCustomField(tx: Prisma.TransactionClient, { organizationId, id }: Scope & { id: string }) {
  const field = await tx.customFieldDefinition.findFirst({ where: { id, organizationId } });
  if (!field) return null;
  const cleared = await tx.$executeRaw`
    UPDATE "Contact" SET "customFields" = "customFields" - ${field.key}::text
     WHERE "organizationId" = ${organizationId}::uuid AND "customFields" ? ${field.key}::text`;
  await tx.customFieldDefinition.deleteMany({ where: { id: field.id, organizationId } });
  return { field, cleared };
}

export async function countContactsWithField(db: Tx, { organizationId, key }: Scope & { key: string }) {
  const rows = await db.$queryRaw<Array<{ n: number }>>`
    SELECT count(*)::int AS n FROM "Contact" WHERE "organizationId" = ${organizationId}::uuid AND "customFields" ? ${key}::text`;
  return rows[0]?.n ?? 0;
}

/** Serializes changes to an organization's field definitions (order, options) for the rest of the transaction. */
export async function lockCustomFields(tx: Prisma.TransactionClient, { organizationId }: Scope) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`custom-fields:${organizationId}`}))`;
}

/**
 * For a transaction that writes contacts' custom-field values: holds the
 * definitions still until it commits (many such writers at once; an edit of
 * the definitions waits for them, and they wait for it), so a value checked
 * against the options is never saved after those options were renamed away.
 */
export async function lockCustomFieldsShared(tx: Prisma.TransactionClient, { organizationId }: Scope) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(hashtext(${`custom-fields:${organizationId}`}))`;
}

export function updateCustomFieldDefinition(
  tx: Tx,
  { organizationId, id, label, options }: Scope & { id: string; label: string; options: string[] },
) {
  return tx.customFieldDefinition.updateMany({ where: { id, organizationId }, data: { label, options } });
}

/** How many of the organization's contacts hold each of `values` under `key` (values nobody holds are left out). */
export async function countContactsByOption(db: Tx, { organizationId, key, values }: Scope & { key: string; values: string[] }) {
  if (values.length === 0) return [];
  return db.$queryRaw<Array<{ value: string; contacts: number }>>`
    SELECT v.value, count(*)::int AS contacts
      FROM unnest(${values}::text[]) AS v(value)
      JOIN "Contact" c ON c."organizationId" = ${organizationId}::uuid
                      AND c."customFields" @> jsonb_build_object(${key}::text, v.value)
     GROUP BY v.value
     ORDER BY v.value`;
}

/**
 * Renames stored option values in one statement (swaps included: every row is
 * matched against its value before the update). Returns contacts changed.
 */
export function renameCustomFieldOptionValues(
  tx: Tx,
  { organizationId, key, renames }: Scope & { key: string; renames: Array<{ from: string; to: string }> },
) {
  if (renames.length === 0) return Promise.resolve(0);
  return tx.$executeRaw`
    UPDATE "Contact" AS c
       SET "customFields" = jsonb_set(c."customFields", ARRAY[${key}::text], to_jsonb(m.after))
      FROM unnest(${renames.map((r) => r.from)}::text[], ${renames.map((r) => r.to)}::text[]) AS m(before, after)
     WHERE c."organizationId" = ${organizationId}::uuid
       AND c."customFields" @> jsonb_build_object(${key}::text, m.before)`;
}

/** Removes `key` from contacts whose value is one of `values`. Returns contacts changed. */
export function clearCustomFieldOptionValues(tx: Tx, { organizationId, key, values }: Scope & { key: string; values: string[] }) {
  if (values.length === 0) return Promise.resolve(0);
  return tx.$executeRaw`
    UPDATE "Contact" AS c
       SET "customFields" = c."customFields" - ${key}::text
      FROM unnest(${values}::text[]) AS v(value)
     WHERE c."organizationId" = ${organizationId}::uuid
       AND c."customFields" @> jsonb_build_object(${key}::text, v.value)`;
}
