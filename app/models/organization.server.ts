import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { randomToken } from "~/utils/crypto.server";

type Tx = Prisma.TransactionClient | PrismaClient;

export function slugify(name: string): string {
  const base = name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return base || "org";
}

async function uniqueSlug(db: Tx, name: string): Promise<string> {
  const base = slugify(name);
  const taken = await db.organization.findUnique({ where: { slug: base }, select: { id: true } });
  if (!taken) return base;
  return `${base}-${randomToken(4).toLowerCase().replace(/[^a-z0-9]/g, "x")}`;
}

/** Creates an organization with `ownerUserId` as its OWNER. */
export async function createOrganizationWithOwner(db: Tx, input: { name: string; ownerUserId: string }) {
  const organization = await db.organization.create({
    data: { name: input.name, slug: await uniqueSlug(db, input.name) },
  });
  await db.membership.create({ data: { organizationId: organization.id, userId: input.ownerUserId, role: "OWNER" } });
  return organization;
}

export function listOrganizationsForUser(db: Tx, userId: string) {
  return db.membership.findMany({
    where: { userId },
    select: { role: true, organization: { select: { id: true, name: true, slug: true } } },
    orderBy: { createdAt: "asc" },
  });
}
