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
