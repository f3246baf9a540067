// The rules for putting a tag on a contact and taking it off, said once for the
// contact page, bulk actions, imports and web forms. The single commands apply
// them row by row (TypeScript); bulk and intake apply them set-based (the SQL
// fragments below). The parity test holds the two to the same result.
//
// Adding a tag:
//   - The contact "already has it" only when it holds the tag MANUALLY: nothing
//     changes and no event is written.
//   - A tag the AI suggested becomes MANUAL (its confidence cleared): a person,
//     or a file or form they set up, confirmed it. The event says so
//     (`confirmedAiTag`, with the AI's confidence).
//   - Otherwise a MANUAL link is added.
//   - The contact row is not touched (no version, updatedAt, updatedBy or
//     lastActivityAt change): a tag is not an edit of the contact's fields, so it
//     can't make an open edit conflict, and bulk tagging never rewrites contacts.
// Removing a tag: the link goes, whatever its source; the event records the source
// and confidence it had; the contact row is not touched either.
import { Prisma, type TagSource } from "~/generated/prisma/client";

export type TagRef = { id: string; name: string };

/** The link a contact already had with the tag, if any. */
export type HeldTag = { source: TagSource; confidence: number | null } | null;

/** The source a tag added by a person, an import or a form gets. */
export const ADDED_TAG_SOURCE = "MANUAL" satisfies TagSource;

/** Whether adding the tag changes nothing: the contact holds it manually already. */
export function alreadyHasTag(held: HeldTag): boolean {
  return held?.source === ADDED_TAG_SOURCE;
}

/** The TAG_ADDED event's data. */
export function tagAddedEventData(tag: TagRef, held: HeldTag): Prisma.InputJsonObject {
  return {
    tagId: tag.id,
    tagName: tag.name,
    source: ADDED_TAG_SOURCE,
    ...(held ? { confirmedAiTag: true, aiConfidence: held.confidence } : {}),
  };
}

/** The TAG_REMOVED event's data. */
export function tagRemovedEventData(tag: TagRef, held: NonNullable<HeldTag>): Prisma.InputJsonObject {
  return { tagId: tag.id, tagName: tag.name, source: held.source, confidence: held.confidence };
}

// ---------------------------------------------------------------------------
// The same rules, set-based

/**
 * `tags_to_add`: the (contact_id, tag_id) pairs of `pairs` whose contact does not
 * already hold the tag manually, with what it held (held_source, held_confidence;
 * null when nothing). `pairs` is a query with columns contact_id and tag_id, each
 * pair at most once.
 */
export function tagsToAddCte(organizationId: string, pairs: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`tags_to_add AS MATERIALIZED (
      SELECT p.contact_id, p.tag_id, held."source" AS held_source, held."confidence" AS held_confidence
        FROM (${pairs}) p
        LEFT JOIN "ContactTag" held
          ON held."organizationId" = ${organizationId}::uuid AND held."contactId" = p.contact_id AND held."tagId" = p.tag_id
       WHERE held."source" IS DISTINCT FROM ${ADDED_TAG_SOURCE}::"TagSource"
    )`;
}

/**
 * `tags_added`: writes the links of `tags_to_add` (a new MANUAL link, or an AI one
 * confirmed as MANUAL) and returns those it wrote ("contactId", "tagId"). A link
 * someone made manual meanwhile is left alone and not returned.
 */
export function tagsAddedCte(organizationId: string): Prisma.Sql {
  return Prisma.sql`tags_added AS (
      INSERT INTO "ContactTag" ("organizationId", "contactId", "tagId", "source")
      SELECT ${organizationId}::uuid, a.contact_id, a.tag_id, ${ADDED_TAG_SOURCE}::"TagSource" FROM tags_to_add a
      ON CONFLICT ("organizationId", "contactId", "tagId") DO UPDATE
         SET "source" = EXCLUDED."source", "confidence" = NULL
       WHERE "ContactTag"."source" IS DISTINCT FROM EXCLUDED."source"
      RETURNING "contactId", "tagId"
    )`;
}

/** tagAddedEventData in SQL, over a row of `tags_to_add` aliased `held`. */
export function tagAddedEventDataSql(tag: TagRef): Prisma.Sql {
  return Prisma.sql`(jsonb_build_object('tagId', ${tag.id}::text, 'tagName', ${tag.name}::text, 'source', ${ADDED_TAG_SOURCE}::text)
      || CASE WHEN held.held_source IS NULL THEN '{}'::jsonb
              ELSE jsonb_build_object('confirmedAiTag', true, 'aiConfidence', held.held_confidence) END)`;
}

/** tagRemovedEventData in SQL, over a deleted "ContactTag" row aliased `r` (its source and confidence). */
export function tagRemovedEventDataSql(tag: TagRef): Prisma.Sql {
  return Prisma.sql`jsonb_build_object('tagId', ${tag.id}::text, 'tagName', ${tag.name}::text,
                                       'source', r."source"::text, 'confidence', r."confidence")`;
}
