// Companies: the businesses contacts work for and deals are made with.
import type { Prisma, PrismaClient } from "~/generated/prisma/client";

type Tx = Prisma.TransactionClient | PrismaClient;

export type CompanyData = { name: string; industry: string | null; size: string | null; website: string | null };

const companySelect = {
  id: true,
  name: true,
  industry: true,
  size: true,
  website: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.CompanySelect;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (match) => `\\${match}`);
}

/** A page of companies whose name starts with `q` (ignoring case), by name. */
export async function listCompanies(
  db: Tx,
  { organizationId, q, page, perPage }: { organizationId: string; q: string; page: number; perPage: number },
) {
  const where: Prisma.CompanyWhereInput = {
    organizationId,
    ...(q ? { name: { startsWith: escapeLike(q), mode: "insensitive" } } : {}),
  };
  const [total, companies] = await Promise.all([
    db.company.count({ where }),
    db.company.findMany({
      where,
      select: { ...companySelect, _count: { select: { contacts: true, deals: true } } },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      skip: (page - 1) * perPage,
      take: perPage,
    }),
  ]);
  return { total, companies };
}

/** Every company's id and name, for pickers. */
export function listCompanyOptions(db: Tx, { organizationId, take }: { organizationId: string; take: number }) {
  return db.company.findMany({
    where: { organizationId },
    select: { id: true, name: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take,
  });
}

export function findCompany(db: Tx, { organizationId, companyId }: { organizationId: string; companyId: string }) {
  return db.company.findFirst({ where: { id: companyId, organizationId }, select: companySelect });
}

/** A company with its contacts and deals (each list capped at `take`) and their counts. */
export async function findCompanyProfile(
  db: Tx,
  { organizationId, companyId, take }: { organizationId: string; companyId: string; take: number },
) {
  return db.company.findFirst({
    where: { id: companyId, organizationId },
    select: {
      ...companySelect,
      _count: { select: { contacts: true, deals: true } },
      contacts: {
        where: { organizationId },
        select: { id: true, name: true, phone: true, email: true, stage: true },
        orderBy: [{ name: "asc" }, { id: "asc" }],
        take,
      },
      deals: {
        where: { organizationId },
        select: {
          id: true,
          title: true,
          valuePaise: true,
          probability: true,
          expectedCloseDate: true,
          stage: { select: { id: true, name: true, kind: true } },
          contact: { select: { id: true, name: true } },
        },
        orderBy: [{ createdAt: "desc" }, { id: "asc" }],
        take,
      },
    },
  });
}

/** A company whose name equals `name` ignoring case, other than `exceptId`. */
export function findCompanyByName(
  db: Tx,
  { organizationId, name, exceptId }: { organizationId: string; name: string; exceptId?: string },
) {
  return db.company.findFirst({
    where: { organizationId, name: { equals: name, mode: "insensitive" }, id: exceptId ? { not: exceptId } : undefined },
    select: { id: true, name: true },
  });
}

export function insertCompany(db: Tx, { organizationId, data }: { organizationId: string; data: CompanyData }) {
  return db.company.create({ data: { organizationId, ...data }, select: companySelect });
}

export function updateCompany(
  db: Tx,
  { organizationId, companyId, data }: { organizationId: string; companyId: string; data: CompanyData },
) {
  return db.company.updateMany({ where: { id: companyId, organizationId }, data });
}

/**
 * Unlinks the company's contacts (a change to each contact: its version moves on)
 * and returns their ids; the caller records the timeline and deletes the company.
 */
export async function unlinkCompanyContacts(
  tx: Tx,
  { organizationId, companyId, actorId }: { organizationId: string; companyId: string; actorId: string | null },
): Promise<string[]> {
  const rows = await tx.$queryRaw<Array<{ id: string }>>`
    UPDATE "Contact"
       SET "companyId" = NULL, "version" = "version" + 1, "updatedById" = ${actorId}::uuid, "updatedAt" = now()
     WHERE "organizationId" = ${organizationId}::uuid AND "companyId" = ${companyId}::uuid
    RETURNING "id"`;
  return rows.map((row) => row.id);
}

/**
 * Unlinks the company's deals (a change to each deal: its version moves on, saved
 * by `actorId`) and returns them; the caller records the timeline and deletes the company.
 */
export function unlinkCompanyDeals(
  tx: Tx,
  { organizationId, companyId, actorId }: { organizationId: string; companyId: string; actorId: string | null },
) {
  return tx.$queryRaw<Array<{ id: string; title: string; contactId: string | null }>>`
    UPDATE "Deal"
       SET "companyId" = NULL, "version" = "version" + 1, "updatedById" = ${actorId}::uuid, "updatedAt" = now()
     WHERE "organizationId" = ${organizationId}::uuid AND "companyId" = ${companyId}::uuid
    RETURNING "id", "title", "contactId"`;
}

/** Deletes the company (unlink its contacts and deals first). */
export async function deleteCompany(tx: Tx, { organizationId, companyId }: { organizationId: string; companyId: string }) {
  return tx.company.deleteMany({ where: { id: companyId, organizationId } });
}

/** Points contacts at a company (used by the seed). */
export function linkContactsToCompany(
  db: Tx,
  { organizationId, companyId, contactIds }: { organizationId: string; companyId: string; contactIds: string[] },
) {
  return db.contact.updateMany({ where: { organizationId, id: { in: contactIds } }, data: { companyId } });
}
