// Checks for the things a contact points at: its owner must be a member of the
// organization, its company one of the organization's companies, its custom
// fields defined by the organization. Failures are field errors.
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import { findCompany, findContactWithPhoneOrEmail, findOrganizationMember } from "~/models/contact.server";
import { listCustomFields, lockCustomFieldsShared } from "~/models/custom-field.server";
import { applyCustomFieldValues } from "~/trpc/routers/custom-field/custom-field-value";
import { canAssignOwner } from "~/trpc/routers/contact/contact-access.server";
import { duplicateContactError, fieldErrors } from "~/domain/contact/contact-errors";
import { isUniqueViolation } from "~/utils/prisma-errors.server";

type Tx = Prisma.TransactionClient | PrismaClient;

export type Person = { id: string; name: string };

export async function resolveOwner(ctx: OrgScopedContext, db: Tx, ownerId: string | null): Promise<Person | null> {
  if (ownerId === null) return null;
  if (!canAssignOwner(ctx, ownerId)) {
    throw fieldErrors({ ownerId: "You can assign contacts to yourself or leave them unassigned." });
  }
  const member = await findOrganizationMember(db, { organizationId: ctx.org.id, userId: ownerId });
  if (!member) throw fieldErrors({ ownerId: "Choose a member of this organization" });
  return member.user;
}

export async function resolveCompany(ctx: OrgScopedContext, db: Tx, companyId: string | null) {
  if (companyId === null) return null;
  const company = await findCompany(db, { organizationId: ctx.org.id, id: companyId });
  if (!company) throw fieldErrors({ companyId: "Choose one of your companies" });
  return company;
}

export async function resolveCustomFields(
  ctx: OrgScopedContext,
  db: Tx,
  current: Record<string, unknown>,
  submitted: Record<string, string | null>,
) {
  if (Object.keys(submitted).length === 0) return { values: current as Record<string, string>, changes: [] };
  await lockCustomFieldsShared(db, { organizationId: ctx.org.id });
  const definitions = await listCustomFields(db, { organizationId: ctx.org.id });
  const result = applyCustomFieldValues(definitions, current, submitted);
  if (!result.ok) throw fieldErrors(result.errors);
  return result;
}

/** Refuses a phone or email that another contact of the organization already has. */
export async function assertNoDuplicate(
  ctx: OrgScopedContext,
  db: Tx,
  { phone, email, excludeId }: { phone?: string; email?: string | null; excludeId?: string },
) {
  const found = await findContactWithPhoneOrEmail(db, { organizationId: ctx.org.id, phone, email, excludeId });
  if (found) throw duplicateContactError({ id: found.contact.id, name: found.contact.name, field: found.field });
}

/** A unique violation on Contact can only be (organizationId, phone): two people saved the same number at once. */
export function isPhoneUniqueViolation(error: unknown): boolean {
  return isUniqueViolation(error);
}
