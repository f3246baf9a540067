import type { Prisma, PrismaClient } from "~/generated/prisma/client";

type Tx = Prisma.TransactionClient | PrismaClient;

export function listTags(db: Tx, { organizationId }: { organizationId: string }) {
  return db.tag.findMany({ where: { organizationId }, orderBy: { name: "asc" } });
}

/** Finds or creates tags by name (case-insensitive, trimmed); returns them in the order given. */
export async function ensureTags(db: Tx, { organizationId, names }: { organizationId: string; names: string[] }) {
  const wanted = [...new Set(names.map((name) => name.trim().toLowerCase()).filter(Boolean))];
  if (wanted.length === 0) return [];
  await db.tag.createMany({ data: wanted.map((name) => ({ organizationId, name })), skipDuplicates: true });
  const tags = await db.tag.findMany({ where: { organizationId, name: { in: wanted } } });
  const byName = new Map(tags.map((tag) => [tag.name, tag]));
  return wanted.map((name) => byName.get(name)!).filter(Boolean);
}

type Scope = { organizationId: string };

/** Every tag with how many contacts carry it. */
export async function listTagsWithCounts(db: Tx, { organizationId }: Scope) {
  const [tags, counts] = await Promise.all([
    db.tag.findMany({ where: { organizationId }, orderBy: { name: "asc" } }),
    db.contactTag.groupBy({ by: ["tagId"], where: { organizationId }, _count: { _all: true } }),
  ]);
  const byTag = new Map(counts.map((row) => [row.tagId, row._count._all]));
  return tags.map((tag) => ({ id: tag.id, name: tag.name, color: tag.color, contactCount: byTag.get(tag.id) ?? 0 }));
}

export function findTag(db: Tx, { organizationId, id }: Scope & { id: string }) {
  return db.tag.findFirst({ where: { id, organizationId } });
}

export function findTagByName(db: Tx, { organizationId, name }: Scope & { name: string }) {
  return db.tag.findUnique({ where: { organizationId_name: { organizationId, name } } });
}

export function insertTag(db: Tx, { organizationId, name, color }: Scope & { name: string; color: string }) {
  return db.tag.create({ data: { organizationId, name, color } });
}

export async function updateTag(db: Tx, { organizationId, id, name, color }: Scope & { id: string; name: string; color: string }) {
  const result = await db.tag.updateMany({ where: { id, organizationId }, data: { name, color } });
  return result.count;
}

/**
 * Deletes a tag; it leaves every contact that carried it, and each of those
 * timelines says so. Returns the contacts that lost it.
 */
export async function deleteTag(
  tx: Prisma.TransactionClient,
  { organizationId, id, actorId, actorLabel }: Scope & { id: string; actorId: string | null; actorLabel: string | null },
) {
  const tag = await tx.tag.findFirst({ where: { id, organizationId } });
  if (!tag) return null;
  const removed = await tx.$queryRaw<Array<{ contactId: string }>>`
    INSERT INTO "ContactEvent" ("organizationId", "contactId", "type", "actorId", "actorLabel", "data")
    SELECT ct."organizationId", ct."contactId", 'TAG_REMOVED', ${actorId}::uuid, ${actorLabel},
           jsonb_build_object('tagId', ${tag.id}::text, 'tagName', ${tag.name}::text, 'reason', 'Tag deleted')
      FROM "ContactTag" ct
     WHERE ct."organizationId" = ${organizationId}::uuid AND ct."tagId" = ${tag.id}::uuid
    RETURNING "contactId"`;
  await tx.contactTag.deleteMany({ where: { organizationId, tagId: tag.id } });
  await tx.tag.deleteMany({ where: { id: tag.id, organizationId } });
  return { tag, contactIds: removed.map((row) => row.contactId) };
}

export function findContactTag(db: Tx, { organizationId, contactId, tagId }: Scope & { contactId: string; tagId: string }) {
  return db.contactTag.findUnique({
    where: { organizationId_contactId_tagId: { organizationId, contactId, tagId } },
    include: { tag: true },
  });
}

/** Puts a manual tag on a contact; an AI tag already there becomes manual (a person confirmed it). */
export function upsertManualContactTag(db: Tx, { organizationId, contactId, tagId }: Scope & { contactId: string; tagId: string }) {
  return db.contactTag.upsert({
    where: { organizationId_contactId_tagId: { organizationId, contactId, tagId } },
    create: { organizationId, contactId, tagId, source: "MANUAL" },
    update: { source: "MANUAL", confidence: null },
  });
}

export async function deleteContactTag(db: Tx, { organizationId, contactId, tagId }: Scope & { contactId: string; tagId: string }) {
  const result = await db.contactTag.deleteMany({ where: { organizationId, contactId, tagId } });
  return result.count;
}
