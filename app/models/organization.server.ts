import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { randomToken } from "~/utils/crypto.server";
import { createDefaultPipeline } from "~/models/deal-stage.server";
import { timeZoneOrDefault } from "~/utils/clock";

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

function slugCandidates(name: string): string[] {
  const base = slugify(name);
  const suffixed = () => `${base}-${randomToken(6).toLowerCase().replace(/[^a-z0-9]/g, "x").slice(0, 6)}`;
  return [base, suffixed(), suffixed(), suffixed()];
}

/**
 * Inserts the organization under the first free slug. ON CONFLICT DO NOTHING
 * (not check-then-insert) so two sign-ups racing for one name both succeed and
 * the surrounding transaction is never aborted by a unique violation.
 */
async function insertWithFreeSlug(db: Tx, name: string) {
  for (const slug of slugCandidates(name)) {
    const [created] = await db.organization.createManyAndReturn({ data: [{ name, slug }], skipDuplicates: true });
    if (created) return created;
  }
  throw new Error(`Could not find a free slug for organization "${name}"`);
}

/** Creates an organization with `ownerUserId` as its OWNER, and its default deal pipeline. */
export async function createOrganizationWithOwner(db: Tx, input: { name: string; ownerUserId: string }) {
  const organization = await insertWithFreeSlug(db, input.name);
  await db.membership.create({ data: { organizationId: organization.id, userId: input.ownerUserId, role: "OWNER" } });
  await createDefaultPipeline(db, { organizationId: organization.id });
  return organization;
}

export function listOrganizationsForUser(db: Tx, userId: string) {
  return db.membership.findMany({
    where: { userId },
    select: { role: true, organization: { select: { id: true, name: true, slug: true } } },
    orderBy: { createdAt: "asc" },
  });
}

/** The organization's IANA time zone (the default when the row holds something no runtime knows). */
export async function organizationTimeZone(db: Tx, { organizationId }: { organizationId: string }): Promise<string> {
  const organization = await db.organization.findUnique({ where: { id: organizationId }, select: { timezone: true } });
  return timeZoneOrDefault(organization?.timezone);
}

/** Changes the organization's time zone (already validated as an IANA name). */
export function setOrganizationTimeZone(db: Tx, { organizationId, timeZone }: { organizationId: string; timeZone: string }) {
  return db.organization.update({ where: { id: organizationId }, data: { timezone: timeZone }, select: { id: true, timezone: true } });
}

export function setOrganizationAutoAssign(db: Tx, { organizationId, enabled }: { organizationId: string; enabled: boolean }) {
  return db.organization.update({ where: { id: organizationId }, data: { autoAssignConversations: enabled }, select: { autoAssignConversations: true } });
}

export async function organizationConversationSettings(db: Tx, { organizationId }: { organizationId: string }) {
  const organization = await db.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { autoAssignConversations: true } });
  return { autoAssignConversations: organization.autoAssignConversations };
}
