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
