// Checks for what a contact holds and points at, shared by the create and
// update commands: its owner must be a member of the organization, its company
// one of the organization's companies, its custom fields defined by the
// organization, and its phone and email nobody else's. Failures are field
// errors (or the duplicate refusal, which links to the other contact).
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { findCompany, findContactWithPhoneOrEmail, findOrganizationMember } from "~/models/contact.server";
import { listCustomFields, lockCustomFieldsShared } from "~/models/custom-field.server";
import { applyCustomFieldValues } from "~/domain/custom-field/custom-field-value";
import { duplicateContactError, fieldErrors } from "~/domain/contact/contact-errors";
import { PHONE_MESSAGE } from "~/domain/contact/contact-fields.schema";
import { isUniqueViolation } from "~/utils/prisma-errors.server";
import { normalizePhone } from "~/utils/phone.server";

type Tx = Prisma.TransactionClient | PrismaClient;
type Scope = { organizationId: string };

export type Person = { id: string; name: string };

/** The owner, who must be a member of the organization (who may assign whom is the caller's permission check). */
export async function resolveOwner(db: Tx, { organizationId }: Scope, ownerId: string | null): Promise<Person | null> {
  if (ownerId === null) return null;
  const member = await findOrganizationMember(db, { organizationId, userId: ownerId });
  if (!member) throw fieldErrors({ ownerId: "Choose a member of this organization" });
  return member.user;
}

export async function resolveCompany(db: Tx, { organizationId }: Scope, companyId: string | null) {
  if (companyId === null) return null;
  const company = await findCompany(db, { organizationId, id: companyId });
  if (!company) throw fieldErrors({ companyId: "Choose one of your companies" });
  return company;
}

export async function resolveCustomFields(
  db: Tx,
  { organizationId }: Scope,
  current: Record<string, unknown>,
  submitted: Record<string, string | null>,
) {
  if (Object.keys(submitted).length === 0) return { values: current as Record<string, string>, changes: [] };
  await lockCustomFieldsShared(db, { organizationId });
  const definitions = await listCustomFields(db, { organizationId });
  const result = applyCustomFieldValues(definitions, current, submitted);
  if (!result.ok) throw fieldErrors(result.errors);
  return result;
}

/**
 * The phone as the server decides it (full metadata). The input schema already
 * turned it into E.164 with the browser's smaller metadata; a number that only
 * passes that is refused here with the same field error.
 */
export function checkedPhone(phone: string): string {
  const normalized = normalizePhone(phone);
  if (!normalized) throw fieldErrors({ phone: PHONE_MESSAGE });
  return normalized;
}

/** Refuses a phone or email that another contact of the organization already has (as its own or kept from a merge). */
export async function assertNoDuplicate(
  db: Tx,
  { organizationId }: Scope,
  { phone, email, excludeId }: { phone?: string | null; email?: string | null; excludeId?: string },
) {
  const found = await findContactWithPhoneOrEmail(db, { organizationId, phone: phone ?? undefined, email, excludeId });
  if (found) throw duplicateContactError({ id: found.contact.id, name: found.contact.name, field: found.field });
}

/** A unique violation on Contact: two people saved the same phone or email at once. */
export function isIdentityUniqueViolation(error: unknown): boolean {
  return isUniqueViolation(error);
}
