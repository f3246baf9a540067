// Reads and writes for one contact and what hangs off it (notes, consent,
// timeline). Every function takes the organization and scopes by it.
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import type { ConsentChannel, ConsentStatus } from "~/generated/prisma/enums";
import { findContactByIdentity } from "~/models/contact-duplicates.server";

type Tx = Prisma.TransactionClient | PrismaClient;
type Scope = { organizationId: string };

export function findContact(db: Tx, { organizationId, id }: Scope & { id: string }) {
  return db.contact.findFirst({ where: { id, organizationId } });
}

/** How many of the ids are contacts of the organization. */
export function countContactsWithIds(db: Tx, { organizationId, ids }: Scope & { ids: string[] }) {
  return db.contact.count({ where: { organizationId, id: { in: ids } } });
}

/** Locks the contacts for the rest of the transaction, in id order (no deadlocks between two merges). */
export async function lockContacts(tx: Prisma.TransactionClient, { organizationId, ids }: Scope & { ids: string[] }) {
  const sorted = [...ids].sort();
  const rows = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT "id" FROM "Contact"
     WHERE "organizationId" = ${organizationId}::uuid AND "id" = ANY(${sorted}::uuid[])
     ORDER BY "id" FOR UPDATE`;
  return new Set(rows.map((row) => row.id));
}

const PERSON = { select: { id: true, name: true } } as const;

export function findContactProfile(db: Tx, { organizationId, id }: Scope & { id: string }) {
  return db.contact.findFirst({
    where: { id, organizationId },
    include: {
      owner: PERSON,
      updatedBy: PERSON,
      company: { select: { id: true, name: true } },
      tags: {
        where: { organizationId },
        include: { tag: { select: { id: true, name: true, color: true } } },
        orderBy: { createdAt: "asc" },
      },
      consents: { where: { organizationId }, include: { changedBy: PERSON } },
      identities: {
        where: { organizationId },
        select: { id: true, kind: true, value: true, createdAt: true },
        orderBy: [{ kind: "asc" }, { createdAt: "asc" }],
      },
      _count: { select: { notes: true } },
    },
  });
}

/**
 * Another contact of the organization with this phone, or (when given) this
 * email, as its own or as a secondary one (kept from a merge). Phone matches first.
 */
export async function findContactWithPhoneOrEmail(
  db: Tx,
  { organizationId, phone, email, excludeId }: Scope & { phone?: string; email?: string | null; excludeId?: string },
) {
  const select = { id: true, name: true, phone: true, email: true } as const;
  const notSelf = excludeId ? { id: { not: excludeId } } : {};
  if (phone) {
    const byPhone = await db.contact.findFirst({ where: { organizationId, phone, ...notSelf }, select });
    if (byPhone) return { contact: byPhone, field: "phone" as const };
    const bySecondary = await findContactByIdentity(db, { organizationId, kind: "PHONE", value: phone, excludeId });
    if (bySecondary) return { contact: bySecondary.contact, field: "phone" as const };
  }
  if (email) {
    const byEmail = await db.contact.findFirst({
      where: { organizationId, email, ...notSelf },
      select,
      orderBy: { createdAt: "asc" },
    });
    if (byEmail) return { contact: byEmail, field: "email" as const };
    const bySecondary = await findContactByIdentity(db, { organizationId, kind: "EMAIL", value: email, excludeId });
    if (bySecondary) return { contact: bySecondary.contact, field: "email" as const };
  }
  return null;
}

export function insertContact(tx: Tx, data: Prisma.ContactUncheckedCreateInput) {
  return tx.contact.create({ data, select: { id: true, name: true, version: true } });
}

/** The optimistic-concurrency write: applies only while the row still has `version`. Returns rows changed (0 or 1). */
export async function updateContactAtVersion(
  tx: Tx,
  { organizationId, id, version, data }: Scope & { id: string; version: number; data: Prisma.ContactUncheckedUpdateManyInput },
) {
  const result = await tx.contact.updateMany({
    where: { id, organizationId, version },
    data: { ...data, version: { increment: 1 } },
  });
  return result.count;
}

/**
 * Marks activity on a contact (a note, tag, consent or follow-up) without
 * touching its fields, version or updatedBy: those guard field edits only.
 */
export function touchContact(tx: Tx, { organizationId, id }: Scope & { id: string }) {
  return tx.contact.updateMany({ where: { id, organizationId }, data: { lastActivityAt: new Date() } });
}

export function findUserName(db: Tx, { userId }: { userId: string }) {
  return db.user.findUnique({ where: { id: userId }, select: { id: true, name: true } });
}

export function findOrganizationMember(db: Tx, { organizationId, userId }: Scope & { userId: string }) {
  return db.membership.findUnique({
    where: { organizationId_userId: { organizationId, userId } },
    select: { role: true, user: PERSON },
  });
}

export function findCompany(db: Tx, { organizationId, id }: Scope & { id: string }) {
  return db.company.findFirst({ where: { id, organizationId }, select: { id: true, name: true } });
}

export const COMPANY_OPTION_LIMIT = 500;

export function listCompanyOptions(db: Tx, { organizationId }: Scope) {
  return db.company.findMany({
    where: { organizationId },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
    take: COMPANY_OPTION_LIMIT,
  });
}

export function listMemberOptions(db: Tx, { organizationId }: Scope) {
  return db.membership.findMany({
    where: { organizationId },
    select: { role: true, user: PERSON },
    orderBy: { user: { name: "asc" } },
  });
}

// ---------------------------------------------------------------------------
// Timeline

export function listContactEvents(
  db: Tx,
  { organizationId, contactId, before, take }: Scope & { contactId: string; before?: { createdAt: Date; id: string }; take: number },
) {
  return db.contactEvent.findMany({
    where: {
      organizationId,
      contactId,
      ...(before
        ? { OR: [{ createdAt: { lt: before.createdAt } }, { createdAt: before.createdAt, id: { lt: before.id } }] }
        : {}),
    },
    include: { actor: PERSON },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
  });
}

export function findLatestContactEvent(
  db: Tx,
  { organizationId, contactId, types }: Scope & { contactId: string; types: string[] },
) {
  return db.contactEvent.findFirst({
    where: { organizationId, contactId, type: { in: types } },
    include: { actor: PERSON },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
}

// ---------------------------------------------------------------------------
// Notes and consent

export function insertNote(tx: Tx, { organizationId, contactId, authorId, body }: Scope & { contactId: string; authorId: string | null; body: string }) {
  return tx.note.create({ data: { organizationId, contactId, authorId, body }, select: { id: true, createdAt: true } });
}

export function findConsent(tx: Tx, { organizationId, contactId, channel }: Scope & { contactId: string; channel: ConsentChannel }) {
  return tx.contactConsent.findUnique({
    where: { organizationId_contactId_channel: { organizationId, contactId, channel } },
  });
}

export function upsertConsent(
  tx: Tx,
  input: Scope & { contactId: string; channel: ConsentChannel; status: ConsentStatus; source: string; changedById: string | null },
) {
  const { organizationId, contactId, channel, status, source, changedById } = input;
  const changedAt = new Date();
  return tx.contactConsent.upsert({
    where: { organizationId_contactId_channel: { organizationId, contactId, channel } },
    create: { organizationId, contactId, channel, status, source, changedById, changedAt },
    update: { status, source, changedById, changedAt },
  });
}
