// The rules for changing a contact's stage, temperature, score or owner, said
// once for the contact page, the board, bulk actions and imports. The single
// commands apply them to one contact; bulk and intake set-based, with the SQL
// fragments below; the parity test holds them to the same result.
//
//   - A contact already at the value: nothing changes, no event.
//   - Otherwise the column changes and the contact gets a new version saved by
//     the actor (updatedAt, updatedBy), so an edit opened before is refused.
//   - The timeline gets one event of the field's own type (STAGE_CHANGED, …)
//     whose data is { field, before, after } (the owner as { id, name } or null).
//   - lastActivityAt does not move: it says when something last happened with
//     the person (a message, a note, a form, a consent decision), not when the
//     pipeline was tidied; a bulk move of 100,000 contacts must not make them
//     all "active today".
import { Prisma } from "~/generated/prisma/client";
import type { ContactStage, Temperature } from "~/generated/prisma/enums";
import type { ContactEventInput } from "~/services/contact-events.server";

export type ContactFieldValues = {
  stage: ContactStage;
  temperature: Temperature;
  score: number;
  owner: { id: string; name: string } | null;
};
export type ContactField = keyof ContactFieldValues;

export const FIELD_CHANGE_EVENTS = {
  stage: "STAGE_CHANGED",
  temperature: "TEMPERATURE_CHANGED",
  score: "SCORE_CHANGED",
  owner: "OWNER_CHANGED",
} as const satisfies Record<ContactField, ContactEventInput["type"]>;

/** The events of these changes; none of them moves lastActivityAt (see above). */
export const FIELD_CHANGE_EVENT_TYPES: ReadonlySet<string> = new Set(Object.values(FIELD_CHANGE_EVENTS));

function sameValue<F extends ContactField>(field: F, before: ContactFieldValues[F], after: ContactFieldValues[F]): boolean {
  if (field === "owner") {
    const a = before as ContactFieldValues["owner"];
    const b = after as ContactFieldValues["owner"];
    return (a?.id ?? null) === (b?.id ?? null);
  }
  return before === after;
}

/** The timeline event for a change of `field`, or null when the value is the same (nothing to do). */
export function fieldChangeEvent<F extends ContactField>(
  contactId: string,
  field: F,
  before: ContactFieldValues[F],
  after: ContactFieldValues[F],
): ContactEventInput | null {
  if (sameValue(field, before, after)) return null;
  return { contactId, type: FIELD_CHANGE_EVENTS[field], data: { field, before, after } as Prisma.InputJsonObject };
}

// ---------------------------------------------------------------------------
// The same rules, set-based

/** The event data in SQL: `before` and `after` are SQL values (for the owner, jsonb { id, name } or NULL). */
export function fieldChangedEventDataSql(field: ContactField, before: Prisma.Sql, after: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`jsonb_build_object('field', ${field}::text, 'before', ${before}, 'after', ${after})`;
}

/** An owner as the event stores it: { id, name } (the user's current name), or NULL for nobody. */
export function ownerRefSql(userId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`CASE WHEN ${userId} IS NULL THEN NULL
       ELSE jsonb_build_object('id', ${userId}::text, 'name', (SELECT ou."name" FROM "User" ou WHERE ou."id" = ${userId})) END`;
}

/** The columns a field change writes besides the field, given the acting user (SQL): a new version, saved by them. */
export function fieldChangeStampSql(alias: string, actorId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`"version" = ${Prisma.raw(`${alias}."version"`)} + 1, "updatedAt" = now(), "updatedById" = ${actorId}`;
}
