// Reads and writes for giving conversations to members: by hand and round-robin. Always scoped by
// organization.
import { Prisma, type PrismaClient } from "~/generated/prisma/client";
import type { ChannelKind } from "~/generated/prisma/enums";
import type { Role } from "~/utils/permissions";

type Tx = Prisma.TransactionClient | PrismaClient;
type Scope = { organizationId: string };

export type LockedConversation = {
  id: string;
  contactId: string;
  contactName: string;
  channelId: string;
  channelKind: ChannelKind;
  assigneeId: string | null;
  assigneeName: string | null;
};

/**
 * The conversations, locked for this transaction (so two assignments of one happen one after the other),
 * in id order (so two batches wait for each other instead of deadlocking). FOR NO KEY UPDATE, the lock an
 * UPDATE takes: FOR UPDATE would also wait for the key-share locks that concurrent inbound messages hold
 * on the row (their foreign key), which deadlocks with receiveMessage.
 */
export async function lockConversationsForAssignment(db: Tx, { organizationId, ids }: Scope & { ids: string[] }): Promise<LockedConversation[]> {
  if (ids.length === 0) return [];
  return db.$queryRaw<LockedConversation[]>`
    SELECT c."id"::text AS "id", c."contactId"::text AS "contactId", ct."name" AS "contactName", c."channelId"::text AS "channelId",
           ch."kind" AS "channelKind", c."assigneeId"::text AS "assigneeId", us."name" AS "assigneeName"
      FROM "Conversation" c
      JOIN "Contact" ct ON ct."id" = c."contactId"
      JOIN "Channel" ch ON ch."id" = c."channelId"
      LEFT JOIN "User" us ON us."id" = c."assigneeId"
     WHERE c."organizationId" = ${organizationId}::uuid AND c."id" = ANY(${ids}::uuid[])
     ORDER BY c."id"
       FOR NO KEY UPDATE OF c`;
}

/** lockConversationsForAssignment for one conversation (null when the organization has no such one). */
export async function lockConversationForAssignment(db: Tx, { organizationId, id }: Scope & { id: string }): Promise<LockedConversation | null> {
  const [conversation] = await lockConversationsForAssignment(db, { organizationId, ids: [id] });
  return conversation ?? null;
}

/** setConversationAssignee for several conversations at once. */
export async function setConversationAssignees(db: Tx, { organizationId, assignments }: Scope & { assignments: Array<{ id: string; assigneeId: string }> }) {
  if (assignments.length === 0) return;
  await db.$executeRaw`
    UPDATE "Conversation" c SET "assigneeId" = a."assigneeId", "updatedAt" = now()
      FROM unnest(${assignments.map((row) => row.id)}::uuid[], ${assignments.map((row) => row.assigneeId)}::uuid[]) AS a("id", "assigneeId")
     WHERE c."organizationId" = ${organizationId}::uuid AND c."id" = a."id"`;
}

export async function setConversationAssignee(db: Tx, { organizationId, id, assigneeId }: Scope & { id: string; assigneeId: string | null }) {
  await db.$executeRaw`
    UPDATE "Conversation" SET "assigneeId" = ${assigneeId}::uuid, "updatedAt" = now()
     WHERE "organizationId" = ${organizationId}::uuid AND "id" = ${id}::uuid`;
}

export type OrganizationMember = { userId: string; name: string; role: Role };

/** A member of the organization by user id, with their role and name (null when they are not one). */
export async function findOrganizationMember(db: Tx, { organizationId, userId }: Scope & { userId: string }): Promise<OrganizationMember | null> {
  const rows = await db.$queryRaw<OrganizationMember[]>`
    SELECT m."userId", u."name", m."role"::text AS "role"
      FROM "Membership" m JOIN "User" u ON u."id" = m."userId"
     WHERE m."organizationId" = ${organizationId}::uuid AND m."userId" = ${userId}::uuid`;
  return rows[0] ?? null;
}

/** The members who can work conversations (agent and above), for an assign form. */
export function listConversationAssignees(db: Tx, { organizationId }: Scope) {
  return db.$queryRaw<Array<{ userId: string; name: string; available: boolean }>>`
    SELECT m."userId", u."name", m."available"
      FROM "Membership" m JOIN "User" u ON u."id" = m."userId"
     WHERE m."organizationId" = ${organizationId}::uuid AND m."role" IN ('OWNER', 'ADMIN', 'MANAGER', 'AGENT')
     ORDER BY lower(u."name"), m."userId"`;
}

/** The member was given a conversation now: the round-robin puts them at the back of the line. */
export async function recordMemberAssigned(db: Tx, { organizationId, userId, at }: Scope & { userId: string; at: Date }) {
  await recordMembersAssigned(db, { organizationId, userIds: [userId], at });
}

/** Several members were given conversations now: each goes to the back of the line. */
export async function recordMembersAssigned(db: Tx, { organizationId, userIds, at }: Scope & { userIds: string[]; at: Date }) {
  if (userIds.length === 0) return;
  // GREATEST ignores a NULL: a first assignment sets it.
  await db.$executeRaw`
    UPDATE "Membership" SET "lastAssignedAt" = GREATEST("lastAssignedAt", ${at})
     WHERE "organizationId" = ${organizationId}::uuid AND "userId" = ANY(${userIds}::uuid[])`;
}

/** How many times a round-robin pick may read the line again while others keep taking members from it. */
const ROUND_ROBIN_PASSES = 20;

/** Who may take conversations round-robin, in the order they are next in line. */
function roundRobinCandidatesSql(organizationId: string, lock: Prisma.Sql, limit: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT m."userId"::text AS "userId", u."name", m."role"::text AS "role"
      FROM "Membership" m JOIN "User" u ON u."id" = m."userId"
     WHERE m."organizationId" = ${organizationId}::uuid AND m."available"
       AND m."role" IN ('OWNER', 'ADMIN', 'MANAGER', 'AGENT')
     ORDER BY m."lastAssignedAt" ASC NULLS FIRST, m."createdAt" ASC, m."id" ASC
     ${limit}
     ${lock}`;
}

function sameMembers(a: OrganizationMember[], b: OrganizationMember[]): boolean {
  return a.length === b.length && a.every((member, index) => member.userId === b[index]!.userId);
}

/**
 * takeNextRoundRobinMember for `count` conversations at once: the first `count` members in line that no
 * other transaction holds, locked for this transaction, in line order. When every candidate is held it
 * waits for them, then looks again (seeing the assignments committed meanwhile).
 *
 * A statement that sorts and locks sorts by what its snapshot saw: a member another transaction gave a
 * conversation just before the lock is still taken as if first in line. So the line is read again, by a
 * fresh statement that sees that commit, until two reads agree. The members locked on the way stay
 * locked until commit; others skip them, and they were just given a conversation anyway.
 */
export async function takeRoundRobinMembers(db: Tx, { organizationId, count }: Scope & { count: number }): Promise<OrganizationMember[]> {
  const pick = (lock: Prisma.Sql) => db.$queryRaw<OrganizationMember[]>`${roundRobinCandidatesSql(organizationId, lock, Prisma.sql`LIMIT ${count}`)}`;
  const skipHeld = Prisma.sql`FOR UPDATE OF m SKIP LOCKED`;
  let taken = await pick(skipHeld);
  if (taken.length === 0) taken = await pick(Prisma.sql`FOR UPDATE OF m`);
  for (let pass = 0; pass < ROUND_ROBIN_PASSES && taken.length > 0; pass++) {
    const again = await pick(skipHeld);
    if (again.length === 0 || sameMembers(again, taken)) return taken;
    taken = again;
  }
  return taken;
}

/**
 * The next member in the round-robin: available, agent or above, the least recently assigned first
 * (those never assigned before the rest; then the longest-standing member). The row is locked for the
 * transaction and rows other transactions hold are skipped, so concurrent new conversations each take a
 * different member while one is free. When every candidate is held, it waits for the first in line, then
 * looks again (a fresh statement sees the assignments committed meanwhile) and takes whoever is now
 * least recently assigned among those not held.
 */
export async function takeNextRoundRobinMember(db: Tx, { organizationId }: Scope): Promise<OrganizationMember | null> {
  const [member] = await takeRoundRobinMembers(db, { organizationId, count: 1 });
  return member ?? null;
}

/** Whether the organization hands new conversations out round-robin. */
export async function organizationAutoAssigns(db: Tx, { organizationId }: Scope): Promise<boolean> {
  const rows = await db.$queryRaw<Array<{ autoAssignConversations: boolean }>>`
    SELECT "autoAssignConversations" FROM "Organization" WHERE "id" = ${organizationId}::uuid`;
  return rows[0]?.autoAssignConversations ?? false;
}
