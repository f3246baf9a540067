import { TRPCError } from "@trpc/server";
import type { Prisma } from "~/generated/prisma/client";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { UpdateContactInput } from "~/trpc/routers/contact/update.schema";
import { assertCanEditContact, loadContact } from "~/trpc/routers/contact/contact-access.server";
import {
  assertNoDuplicate,
  isPhoneUniqueViolation,
  resolveCompany,
  resolveCustomFields,
  resolveOwner,
  type Person,
} from "~/trpc/routers/contact/contact-references.server";
import {
  findCompany,
  findContact,
  findLatestContactEvent,
  findUserName,
  updateContactAtVersion,
} from "~/models/contact.server";
import { recordContactEvents, type ContactEventInput } from "~/services/contact-events.server";
import { publishLiveEvent } from "~/services/live-events.server";
import type { FieldChange } from "~/utils/contact-event";
import { changedByConflict } from "~/trpc/changed-by.server";
import { userActor } from "~/services/command.server";
import { FIELD_CHANGE_EVENT_TYPES, fieldChangeEvent } from "~/services/contact/contact-field-rules.server";

type Tx = Prisma.TransactionClient;

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
];

/**
 * "Changed by Aisha Khan at 22 Nov 2026, 3:04 pm IST — reload to see their changes".
 * Who and when come from the latest edit on the timeline (so a bulk action or an
 * import names itself); without one, from the contact's updatedBy and updatedAt.
 */
async function conflictError(
  tx: Tx,
  contact: { id: string; organizationId: string; updatedById: string | null; updatedAt: Date },
  timeZone: string,
) {
  const lastEdit = await findLatestContactEvent(tx, {
    organizationId: contact.organizationId,
    contactId: contact.id,
    types: EDIT_EVENTS,
  });
  const editor = contact.updatedById ? await findUserName(tx, { userId: contact.updatedById }) : null;
  return changedByConflict({
    who: lastEdit?.actor?.name ?? lastEdit?.actorLabel ?? editor?.name,
    when: lastEdit?.createdAt ?? contact.updatedAt,
    timeZone,
  });
}

const person = (value: Person | null) => (value ? { id: value.id, name: value.name } : null);

/** Edits of the contact's own fields mark activity; a stage, temperature, score or owner change alone does not. */
const movesLastActivity = (event: ContactEventInput) => !FIELD_CHANGE_EVENT_TYPES.has(event.type);

export async function updateContactHandler({ ctx, input }: { ctx: OrgScopedContext; input: UpdateContactInput }) {
  const organizationId = ctx.org.id;
  try {
    return await ctx.db.$transaction(async (tx) => {
      const contact = await loadContact(ctx, input.id, tx);
      assertCanEditContact(ctx, contact);
      if (contact.version !== input.version) throw await conflictError(tx, contact, ctx.org.timeZone);

      const data: Prisma.ContactUncheckedUpdateManyInput = {};
      const fieldChanges: FieldChange[] = [];
      const events: ContactEventInput[] = [];

      const name = input.name !== undefined && input.name !== contact.name ? input.name : undefined;
      const phone = input.phone !== undefined && input.phone !== contact.phone ? input.phone : undefined;
      const email = input.email !== undefined && input.email !== contact.email ? input.email : undefined;
      if (name !== undefined) fieldChanges.push({ field: "name", before: contact.name, after: (data.name = name) });
      if (phone !== undefined) fieldChanges.push({ field: "phone", before: contact.phone, after: (data.phone = phone) });
      if (email !== undefined) fieldChanges.push({ field: "email", before: contact.email, after: (data.email = email) });
      if (phone !== undefined || email) {
        await assertNoDuplicate(ctx, tx, { phone, email: email ?? undefined, excludeId: contact.id });
      }
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
        const after = await resolveOwner(ctx, tx, input.ownerId);
        const before = contact.ownerId ? await findUserName(tx, { userId: contact.ownerId }) : null;
        data.ownerId = input.ownerId;
        const event = fieldChangeEvent(contact.id, "owner", person(before), person(after));
        if (event) events.push(event);
      }

      if (input.companyId !== undefined && input.companyId !== contact.companyId) {
        const after = await resolveCompany(ctx, tx, input.companyId);
        const before = contact.companyId ? await findCompany(tx, { organizationId, id: contact.companyId }) : null;
        data.companyId = input.companyId;
        events.push({ contactId: contact.id, type: "COMPANY_CHANGED", data: { before: person(before), after: person(after) } });
      }

      if (input.customFields) {
        const current = (contact.customFields ?? {}) as Record<string, unknown>;
        const result = await resolveCustomFields(ctx, tx, current, input.customFields);
        if (result.changes.length) {
          data.customFields = result.values;
          for (const change of result.changes) {
            events.push({ contactId: contact.id, type: "CUSTOM_FIELD_CHANGED", data: change });
          }
        }
      }

      if (events.length === 0) return { id: contact.id, version: contact.version, changed: false };

      const now = new Date();
      const written = await updateContactAtVersion(tx, {
        organizationId,
        id: contact.id,
        version: input.version,
        data: { ...data, updatedById: ctx.user.id, ...(events.some(movesLastActivity) ? { lastActivityAt: now } : {}) },
      });
      if (written === 0) {
        // Someone saved between our read and our write.
        const latest = await findContact(tx, { organizationId, id: contact.id });
        if (!latest) throw new TRPCError({ code: "NOT_FOUND", message: "Contact not found." });
        throw await conflictError(tx, latest, ctx.org.timeZone);
      }
      await recordContactEvents(tx, organizationId, userActor(ctx.user.id), events);
      await publishLiveEvent(tx, organizationId, { type: "contact.changed", contactIds: [contact.id] });
      return { id: contact.id, version: input.version + 1, changed: true };
    });
  } catch (error) {
    if (isPhoneUniqueViolation(error) && input.phone) {
      await assertNoDuplicate(ctx, ctx.db, { phone: input.phone, excludeId: input.id });
    }
    throw error;
  }
}
