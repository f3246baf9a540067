// Prisma reads and writes for the product catalog, always scoped by organization.
import type { Prisma, PrismaClient } from "~/generated/prisma/client";

type Tx = Prisma.TransactionClient | PrismaClient;
type Scope = { organizationId: string };

export type ProductRow = {
  name: string;
  description: string;
  pricePaise: bigint;
  currency: string;
  category: string | null;
  features: string[];
};

const FIELDS = {
  id: true,
  name: true,
  description: true,
  pricePaise: true,
  currency: true,
  category: true,
  features: true,
  active: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.ProductSelect;

export type ProductRecord = Prisma.ProductGetPayload<{ select: typeof FIELDS }>;

/** Products on offer first, then archived ones (when asked for), each group by name. */
export function listProducts(db: Tx, { organizationId, includeInactive }: Scope & { includeInactive: boolean }) {
  return db.product.findMany({
    where: { organizationId, ...(includeInactive ? {} : { active: true }) },
    select: FIELDS,
    orderBy: [{ active: "desc" }, { name: "asc" }, { id: "asc" }],
  });
}

export function findProduct(db: Tx, { organizationId, id }: Scope & { id: string }) {
  return db.product.findFirst({ where: { organizationId, id }, select: FIELDS });
}

/** The product holding `name` whatever its case: the same lower() as the unique index. */
export async function findProductByName(db: Tx, { organizationId, name }: Scope & { name: string }): Promise<{ id: string; name: string } | null> {
  const rows = await db.$queryRaw<Array<{ id: string; name: string }>>`
    SELECT "id", "name" FROM "Product" WHERE "organizationId" = ${organizationId}::uuid AND lower("name") = lower(${name}) LIMIT 1`;
  return rows[0] ?? null;
}

export function insertProduct(db: Tx, { organizationId, active, ...row }: Scope & ProductRow & { active: boolean }) {
  return db.product.create({ data: { organizationId, active, ...row }, select: FIELDS });
}

/** Answers how many rows changed (0: not this organization's product). */
export async function updateProductRow(db: Tx, { organizationId, id, ...row }: Scope & ProductRow & { id: string }) {
  const { count } = await db.product.updateMany({ where: { organizationId, id }, data: row });
  return count;
}

export async function setProductActiveRow(db: Tx, { organizationId, id, active }: Scope & { id: string; active: boolean }) {
  const { count } = await db.product.updateMany({ where: { organizationId, id }, data: { active } });
  return count;
}
