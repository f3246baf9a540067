// Edits a contact's own fields (the contact page's sections, the API): a partial
// edit where fields left out stay as they are, saved only on the version the
// editor loaded. A contact keeps a phone or an email; either may change or be
// cleared as long as one remains, and neither may be another contact's.
import type { Prisma } from "~/generated/prisma/client";
import type { ContactStage, Temperature } from "~/generated/prisma/enums";
import { findCompany, findContact, findLatestContactEvent, findUserName, updateContactAtVersion } from "~/models/contact.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import {
  assertNoDuplicate,
  checkedPhone,
  isIdentityUniqueViolation,
  resolveCompany,
  resolveCustomFields,
  resolveOwner,
  type Person,
} from "~/services/contact/contact-references.server";
import { recordContactEvents, type ContactEventInput } from "~/services/contact-events.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { FIELD_CHANGE_EVENT_TYPES, fieldChangeEvent } from "~/services/contact/contact-field-rules.server";
import { fieldErrors } from "~/domain/contact/contact-errors";
import { PHONE_OR_EMAIL_MESSAGE } from "~/domain/contact/contact-fields.schema";
import type { FieldChange } from "~/utils/contact-event";

/** What contact.update's schema gives; undefined leaves a field alone, null (where allowed) clears it. */
export type UpdateContactInput = {
  id: string;
  version: number;
  name?: string;
  phone?: string | null;
  email?: string | null;
  stage?: ContactStage;
  temperature?: Temperature;
  score?: number;
  ownerId?: string | null;
  companyId?: string | null;
  customFields?: Record<string, string | null>;
};

export type UpdateContactResult =
  | { outcome: "saved" | "unchanged"; id: string; version: number; changed: boolean }
  /** Someone saved a newer version first: who (a member's name or a process's label) and when. */
  | { outcome: "conflict"; id: string; who: string | null; when: Date }
  | { outcome: "not-found" };

/** Timeline events that come with a new version of the contact's fields. */
const EDIT_EVENTS = [
  "UPDATED",
  "STAGE_CHANGED",
  "TEMPERATURE_CHANGED",
  "SCORE_CHANGED",
  "OWNER_CHANGED",
  "COMPANY_CHANGED",
  "CUSTOM_FIELD_CHANGED",
  "MERGED",
  "IMPORTED",
  "EMAIL_CLEARED_DUPLICATE",
];

/**
 * Who saved the version we lost to, and when: the latest edit on the timeline (so a bulk
 * action or an import names itself); without one, the contact's updatedBy and updatedAt.
 */
async function lostTo(
  tx: CommandTx,
  contact: { id: string; organizationId: string; updatedById: string | null; updatedAt: Date },
): Promise<UpdateContactResult> {
  const lastEdit = await findLatestContactEvent(tx, { organizationId: contact.organizationId, contactId: contact.id, types: EDIT_EVENTS });
  const editor = contact.updatedById ? await findUserName(tx, { userId: contact.updatedById }) : null;
  return {
    outcome: "conflict",
    id: contact.id,
    who: lastEdit?.actor?.name ?? lastEdit?.actorLabel ?? editor?.name ?? null,
    when: lastEdit?.createdAt ?? contact.updatedAt,
  };
}

const person = (value: Person | null) => (value ? { id: value.id, name: value.name } : null);

/** Edits of the contact's own fields mark activity; a stage, temperature, score or owner change alone does not. */
const movesLastActivity = (event: ContactEventInput) => !FIELD_CHANGE_EVENT_TYPES.has(event.type);

/**
 * Applies the edit, writes one timeline event per kind of change and the live event, in the
 * caller's transaction. Who may edit this contact, and whom an agent may make its owner, are the
 * caller's checks. A refusal (field errors, a duplicate) writes nothing.
 */
export async function updateContact(tx: CommandTx, { organizationId, actor }: CommandContext, input: UpdateContactInput): Promise<UpdateContactResult> {
  const contact = await findContact(tx, { organizationId, id: input.id });
  if (!contact) return { outcome: "not-found" };
  if (contact.version !== input.version) return lostTo(tx, contact);

  const data: Prisma.ContactUncheckedUpdateManyInput = {};
  const fieldChanges: FieldChange[] = [];
  const events: ContactEventInput[] = [];

  const submittedPhone = input.phone === undefined || input.phone === null ? input.phone : checkedPhone(input.phone);
  const name = input.name !== undefined && input.name !== contact.name ? input.name : undefined;
  const phone = submittedPhone !== undefined && submittedPhone !== contact.phone ? submittedPhone : undefined;
  const email = input.email !== undefined && input.email !== contact.email ? input.email : undefined;
  if ((phone === undefined ? contact.phone : phone) === null && (email === undefined ? contact.email : email) === null) {
    throw fieldErrors({ [input.phone === undefined ? "email" : "phone"]: PHONE_OR_EMAIL_MESSAGE });
  }
  if (name !== undefined) fieldChanges.push({ field: "name", before: contact.name, after: (data.name = name) });
  if (phone !== undefined) fieldChanges.push({ field: "phone", before: contact.phone, after: (data.phone = phone) });
  if (email !== undefined) fieldChanges.push({ field: "email", before: contact.email, after: (data.email = email) });
  if (phone || email) await assertNoDuplicate(tx, { organizationId }, { phone, email, excludeId: contact.id });
  if (fieldChanges.length) events.push({ contactId: contact.id, type: "UPDATED", data: { changes: fieldChanges } as Prisma.InputJsonObject });

  // Stage, temperature, score and owner follow the same rules as their own commands (contact-field-rules).
  for (const field of ["stage", "temperature", "score"] as const) {
    const next = input[field];
    const event = next === undefined ? null : fieldChangeEvent(contact.id, field, contact[field], next);
    if (!event) continue;
    data[field] = next;
    events.push(event);
  }

  if (input.ownerId !== undefined && input.ownerId !== contact.ownerId) {
    const after = await resolveOwner(tx, { organizationId }, input.ownerId);
    const before = contact.ownerId ? await findUserName(tx, { userId: contact.ownerId }) : null;
    data.ownerId = input.ownerId;
    const event = fieldChangeEvent(contact.id, "owner", person(before), person(after));
    if (event) events.push(event);
  }

  if (input.companyId !== undefined && input.companyId !== contact.companyId) {
    const after = await resolveCompany(tx, { organizationId }, input.companyId);
    const before = contact.companyId ? await findCompany(tx, { organizationId, id: contact.companyId }) : null;
    data.companyId = input.companyId;
    events.push({ contactId: contact.id, type: "COMPANY_CHANGED", data: { before: person(before), after: person(after) } });
  }

  if (input.customFields) {
    const current = (contact.customFields ?? {}) as Record<string, unknown>;
    const result = await resolveCustomFields(tx, { organizationId }, current, input.customFields);
    if (result.changes.length) {
      data.customFields = result.values;
      for (const change of result.changes) {
        events.push({ contactId: contact.id, type: "CUSTOM_FIELD_CHANGED", data: change });
      }
    }
  }

  if (events.length === 0) return { outcome: "unchanged", id: contact.id, version: contact.version, changed: false };

  // Someone else taking the same phone or email at this moment: the unique index decides, and a
  // savepoint keeps the caller's transaction usable so we can say who has it.
  await tx.$executeRaw`SAVEPOINT update_contact`;
  let written: number;
  try {
    written = await updateContactAtVersion(tx, {
      organizationId,
      id: contact.id,
      version: input.version,
      data: { ...data, updatedById: actor.userId, ...(events.some(movesLastActivity) ? { lastActivityAt: new Date() } : {}) },
    });
  } catch (error) {
    if (!isIdentityUniqueViolation(error)) throw error;
    await tx.$executeRaw`ROLLBACK TO SAVEPOINT update_contact`;
    await assertNoDuplicate(tx, { organizationId }, { phone, email, excludeId: contact.id });
    throw error;
  }
  await tx.$executeRaw`RELEASE SAVEPOINT update_contact`;
  if (written === 0) {
    // Someone saved between our read and our write.
    const latest = await findContact(tx, { organizationId, id: contact.id });
    return latest ? lostTo(tx, latest) : { outcome: "not-found" };
  }
  await recordContactEvents(tx, organizationId, actor, events);
  await publishLiveEvent(tx, organizationId, { type: "contact.changed", contactIds: [contact.id] });
  return { outcome: "saved", id: contact.id, version: input.version + 1, changed: true };
}
