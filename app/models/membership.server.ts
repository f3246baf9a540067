import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import type { Role } from "~/utils/permissions";

type Tx = Prisma.TransactionClient | PrismaClient;

export function listMembers(db: Tx, { organizationId }: { organizationId: string }) {
  return db.membership.findMany({
    where: { organizationId },
    select: { id: true, role: true, available: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
    orderBy: [{ createdAt: "asc" }],
  });
}

export function findMember(db: Tx, { organizationId, membershipId }: { organizationId: string; membershipId: string }) {
  return db.membership.findFirst({
    where: { id: membershipId, organizationId },
    select: { id: true, role: true, userId: true, user: { select: { name: true, email: true } } },
  });
}

export function countOwners(db: Tx, { organizationId }: { organizationId: string }) {
  return db.membership.count({ where: { organizationId, role: "OWNER" } });
}

export function findMembershipForUser(db: Tx, { organizationId, userId }: { organizationId: string; userId: string }) {
  return db.membership.findUnique({ where: { organizationId_userId: { organizationId, userId } } });
}

export function setMemberRole(
  db: Tx,
  { organizationId, membershipId, role }: { organizationId: string; membershipId: string; role: Role },
) {
  return db.membership.updateMany({ where: { id: membershipId, organizationId }, data: { role } });
}

export function deleteMember(db: Tx, { organizationId, membershipId }: { organizationId: string; membershipId: string }) {
  return db.membership.deleteMany({ where: { id: membershipId, organizationId } });
}

/** What a member holds in the organization: contacts they own, deals they own, follow-ups still waiting for them. */
export async function countMemberHoldings(db: Tx, { organizationId, userId }: { organizationId: string; userId: string }) {
  const [contacts, deals, followUps] = await Promise.all([
    db.contact.count({ where: { organizationId, ownerId: userId } }),
    db.deal.count({ where: { organizationId, ownerId: userId } }),
    db.followUp.count({ where: { organizationId, assigneeId: userId, status: "PENDING" } }),
  ]);
  return { contacts, deals, followUps };
}

export type HandOverResult = { contacts: number; deals: number; followUps: number; events: number; contactIds: string[] };

/**
 * Moves everything `fromUserId` holds in the organization to `toUserId` (null: nobody) in one
 * statement: contact and deal owners (a new version, saved by `actorId`, so an open edit form
 * can't put the old owner back), pending follow-ups' assignee, and one MEMBER_REMOVED timeline
 * event per contact affected (its owner, its deals or its follow-ups), with what moved.
 */
export async function handOverMemberHoldings(
  db: Tx,
  input: {
    organizationId: string;
    actorId: string;
    from: { userId: string; name: string };
    to: { userId: string; name: string } | null;
  },
): Promise<HandOverResult> {
  const { organizationId, actorId, from, to } = input;
  const toId = to?.userId ?? null;
  const rows = await db.$queryRaw<Array<HandOverResult>>`
    WITH contacts AS (
      UPDATE "Contact" c
         SET "ownerId" = ${toId}::uuid, "version" = c."version" + 1, "updatedAt" = now(), "updatedById" = ${actorId}::uuid
       WHERE c."organizationId" = ${organizationId}::uuid AND c."ownerId" = ${from.userId}::uuid
      RETURNING c."id"
    ), deals AS (
      UPDATE "Deal" d
         SET "ownerId" = ${toId}::uuid, "version" = d."version" + 1, "updatedAt" = now(), "updatedById" = ${actorId}::uuid
       WHERE d."organizationId" = ${organizationId}::uuid AND d."ownerId" = ${from.userId}::uuid
      RETURNING d."id", d."contactId"
    ), follow_ups AS (
      UPDATE "FollowUp" f
         SET "assigneeId" = ${toId}::uuid, "updatedAt" = now()
       WHERE f."organizationId" = ${organizationId}::uuid AND f."assigneeId" = ${from.userId}::uuid AND f."status" = 'PENDING'
      RETURNING f."id", f."contactId"
    ), affected AS (
      SELECT "id" AS "contactId", 1 AS owned, 0 AS deals, 0 AS follow_ups FROM contacts
      UNION ALL SELECT "contactId", 0, 1, 0 FROM deals WHERE "contactId" IS NOT NULL
      UNION ALL SELECT "contactId", 0, 0, 1 FROM follow_ups
    ), per_contact AS (
      SELECT "contactId", max(owned) = 1 AS owned, sum(deals)::int AS deals, sum(follow_ups)::int AS follow_ups
        FROM affected GROUP BY "contactId"
    ), events AS (
      INSERT INTO "ContactEvent" ("organizationId", "contactId", "type", "actorId", "data")
      SELECT ${organizationId}::uuid, p."contactId", 'MEMBER_REMOVED', ${actorId}::uuid,
             jsonb_build_object(
               'member', jsonb_build_object('id', ${from.userId}::text, 'name', ${from.name}::text),
               'to', ${to ? JSON.stringify({ id: to.userId, name: to.name }) : "null"}::jsonb,
               'owner', p.owned, 'deals', p.deals, 'followUps', p.follow_ups)
        FROM per_contact p
      RETURNING "contactId"
    )
    SELECT (SELECT count(*) FROM contacts)::int AS "contacts",
           (SELECT count(*) FROM deals)::int AS "deals",
           (SELECT count(*) FROM follow_ups)::int AS "followUps",
           (SELECT count(*) FROM events)::int AS "events",
           COALESCE((SELECT array_agg("contactId"::text) FROM events), '{}') AS "contactIds"`;
  return rows[0]!;
}

/** Whether the member takes new conversations in the round-robin; false when no such member. */
export async function setMemberAvailable(
  db: Tx,
  { organizationId, membershipId, available }: { organizationId: string; membershipId: string; available: boolean },
): Promise<boolean> {
  const result = await db.membership.updateMany({ where: { id: membershipId, organizationId }, data: { available } });
  return result.count === 1;
}
