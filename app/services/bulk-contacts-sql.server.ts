// One batch of a bulk action as ONE set-based SQL statement: pick the contacts
// in scope that are not yet in the target state (so running a batch twice
// changes nothing the second time), change them, write their timeline rows
// (INSERT ... SELECT) and, for field changes, bump version/updatedAt/updatedById
// — all from the same snapshot, inside the caller's transaction. It is the
// set-based twin of the contact commands (app/services/contact/): the rules —
// who already has a tag, what an AI tag becomes, what a field change writes, what
// each event holds — come from the same rule modules, and a parity test holds
// both to the same result. Tag changes leave the contact row alone, as they do
// on the contact page, which keeps bulk tagging of 100,000 contacts fast.
import { Prisma } from "~/generated/prisma/client";
import type { ResolvedBulkCommand } from "~/domain/bulk/bulk-command";
import {
  fieldChangedEventDataSql,
  fieldChangeStampSql,
  ownerRefSql,
  type ContactField,
} from "~/services/contact/contact-field-rules.server";
import {
  tagAddedEventDataSql,
  tagRemovedEventDataSql,
  tagsAddedCte,
  tagsToAddCte,
} from "~/services/contact/contact-tag-rules.server";

type Tx = Prisma.TransactionClient;

export type BulkBatch = {
  organizationId: string;
  /** Who did it (the person who started the action); null if they have since been deleted. */
  actorId: string | null;
  operationId: string;
  command: ResolvedBulkCommand;
  /** A WHERE clause over contacts `c` that already includes the organization (and, in a job, the batch's id range). */
  scope: Prisma.Sql;
  /** Also count every contact in scope (changed or not), from the same snapshot. */
  countMatched?: boolean;
};

export type BulkBatchResult = {
  /** Contacts picked for this batch (in scope and not yet in the target state). */
  selected: number;
  /** Contacts actually changed (lower only if someone else got there first). */
  changed: number;
  /** Every contact in scope, when asked for. */
  matched: number | null;
};

/** Contacts by id, always within the organization. */
export function idsScope(organizationId: string, ids: string[]): Prisma.Sql {
  return Prisma.sql`c."organizationId" = ${organizationId}::uuid AND c."id" = ANY(${ids}::uuid[])`;
}

/** A slice of the id space: ids after `after` (if any) up to and including `through` (if any). */
export type IdRange = { after: string | null; through: string | null };

/** A scope narrowed to one id range; the filter itself is still evaluated when the batch runs. */
export function rangeScope(scope: Prisma.Sql, range: IdRange): Prisma.Sql {
  const after = range.after === null ? Prisma.empty : Prisma.sql` AND c."id" > ${range.after}::uuid`;
  const through = range.through === null ? Prisma.empty : Prisma.sql` AND c."id" <= ${range.through}::uuid`;
  return Prisma.sql`(${scope})${after}${through}`;
}

/**
 * Splits the contacts in scope into consecutive id ranges of about `size`
 * each, and counts them — one index-ordered pass, with only every size-th id
 * leaving the database. The first range is open below and the last open above,
 * so together they cover every id, including contacts that start matching
 * later.
 */
export async function planIdRanges(tx: Tx, scope: Prisma.Sql, size: number): Promise<{ total: number; ranges: IdRange[] }> {
  const rows = await tx.$queryRaw<Array<{ total: number; boundaries: string[] }>>`
    WITH matching AS MATERIALIZED (
      SELECT c."id", row_number() OVER (ORDER BY c."id") AS n FROM "Contact" c WHERE ${scope}
    )
    SELECT (SELECT count(*)::int FROM matching) AS "total",
           ARRAY(SELECT "id"::text FROM matching WHERE n % ${size} = 0 ORDER BY n) AS "boundaries"`;
  const total = rows[0]?.total ?? 0;
  const boundaries = rows[0]?.boundaries ?? [];
  // A boundary that is the very last contact would only leave an empty final range.
  if (boundaries.length > 0 && total % size === 0) boundaries.pop();
  const ranges: IdRange[] = [];
  let after: string | null = null;
  for (const through of boundaries) {
    ranges.push({ after, through });
    after = through;
  }
  ranges.push({ after, through: null });
  return { total, ranges };
}

function hasTag(organizationId: string, tagId: string): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM "ContactTag" x
     WHERE x."organizationId" = ${organizationId}::uuid AND x."contactId" = c."id" AND x."tagId" = ${tagId}::uuid)`;
}

/**
 * The contacts to change: in scope and not yet as asked, in id order (so two
 * operations locking the same contacts take the locks in the same order).
 *
 * Field changes lock the rows first, so the "before" written to the timeline
 * is the value actually replaced even if someone edits a contact meanwhile.
 * Tag changes need no lock (ON CONFLICT / DELETE settle races) and skip its
 * cost, which matters at 100,000 contacts.
 */
function targetCte(
  batch: BulkBatch,
  columns: Prisma.Sql,
  pending: Prisma.Sql | null,
  lock: "UPDATE" | "NO KEY UPDATE" | "NONE",
) {
  const lockClause =
    lock === "UPDATE" ? Prisma.sql`FOR UPDATE OF c` : lock === "NO KEY UPDATE" ? Prisma.sql`FOR NO KEY UPDATE OF c` : Prisma.empty;
  return Prisma.sql`target AS MATERIALIZED (
      SELECT ${columns}
        FROM "Contact" c
       WHERE ${batch.scope}${pending ? Prisma.sql` AND ${pending}` : Prisma.empty}
       ORDER BY c."id"
       ${lockClause}
    )`;
}

function eventsCte(batch: BulkBatch, type: string, data: Prisma.Sql, from: Prisma.Sql, contactColumn: Prisma.Sql) {
  return Prisma.sql`events AS (
      INSERT INTO "ContactEvent" ("organizationId", "contactId", "type", "actorId", "data")
      SELECT ${batch.organizationId}::uuid, ${contactColumn}, ${type}, ${batch.actorId}::uuid, ${data}
        FROM ${from}
    )`;
}

function finalSelect(batch: BulkBatch, selectedFrom: Prisma.Sql, changedFrom: Prisma.Sql) {
  const matched = batch.countMatched
    ? Prisma.sql`(SELECT count(*)::int FROM "Contact" c WHERE ${batch.scope})`
    : Prisma.sql`NULL::int`;
  return Prisma.sql`SELECT (SELECT count(*)::int FROM ${selectedFrom}) AS "selected",
                           (SELECT count(*)::int FROM ${changedFrom}) AS "changed",
                           ${matched} AS "matched"`;
}

/** Sets one enum/uuid column on every target contact, recording the change on the timeline (contact-field-rules). */
function setFieldStatement(
  batch: BulkBatch,
  field: { column: string; sqlType: string; field: ContactField; eventType: string; value: string | null },
) {
  const column = Prisma.raw(`"${field.column}"`);
  const value = Prisma.sql`${field.value}::${Prisma.raw(field.sqlType)}`;
  const operation = Prisma.sql`${batch.operationId}::text`;
  const [before, after] =
    field.field === "owner"
      ? [ownerRefSql(Prisma.sql`ch."before"`), ownerRefSql(value)]
      : [Prisma.sql`ch."before"`, Prisma.sql`${field.value}::text`];
  const data = Prisma.sql`${fieldChangedEventDataSql(field.field, before, after)} || jsonb_build_object('bulkOperationId', ${operation})`;
  return Prisma.sql`
    WITH ${targetCte(batch, Prisma.sql`c."id", c.${column} AS "before"`, Prisma.sql`c.${column} IS DISTINCT FROM ${value}`, "NO KEY UPDATE")},
    changed AS (
      UPDATE "Contact" AS u
         SET ${column} = ${value}, ${fieldChangeStampSql("u", Prisma.sql`${batch.actorId}::uuid`)}
        FROM target t
       WHERE u."id" = t."id"
      RETURNING u."id", t."before"
    ),
    ${eventsCte(batch, field.eventType, data, Prisma.sql`changed ch`, Prisma.sql`ch."id"`)}
    ${finalSelect(batch, Prisma.sql`target`, Prisma.sql`changed`)}`;
}

/** The statement for one batch (exported for EXPLAIN in benchmarks). */
export function bulkBatchSql(batch: BulkBatch): Prisma.Sql {
  const { command, organizationId } = batch;
  const operation = Prisma.sql`${batch.operationId}::text`;
  switch (command.action) {
    case "changeStage":
      return setFieldStatement(batch, {
        column: "stage",
        sqlType: `"ContactStage"`,
        field: "stage",
        eventType: "STAGE_CHANGED",
        value: command.params.stage,
      });
    case "changeTemperature":
      return setFieldStatement(batch, {
        column: "temperature",
        sqlType: `"Temperature"`,
        field: "temperature",
        eventType: "TEMPERATURE_CHANGED",
        value: command.params.temperature,
      });
    case "assignOwner":
      return setFieldStatement(batch, {
        column: "ownerId",
        sqlType: "uuid",
        field: "owner",
        eventType: "OWNER_CHANGED",
        value: command.params.ownerId,
      });
    case "addTag": {
      // The contacts in scope not holding the tag manually (contact-tag-rules), written in the same statement.
      const tag = { id: command.params.tagId, name: command.params.tagName };
      const pairs = Prisma.sql`SELECT c."id" AS contact_id, ${tag.id}::uuid AS tag_id FROM "Contact" c WHERE ${batch.scope} ORDER BY c."id"`;
      const data = Prisma.sql`${tagAddedEventDataSql(tag)} || jsonb_build_object('bulkOperationId', ${operation})`;
      return Prisma.sql`
        WITH ${tagsToAddCte(organizationId, pairs)},
        ${tagsAddedCte(organizationId)},
        ${eventsCte(
          batch,
          "TAG_ADDED",
          data,
          Prisma.sql`tags_added a JOIN tags_to_add held ON held.contact_id = a."contactId" AND held.tag_id = a."tagId"`,
          Prisma.sql`a."contactId"`,
        )}
        ${finalSelect(batch, Prisma.sql`tags_to_add`, Prisma.sql`tags_added`)}`;
    }
    case "removeTag": {
      const tag = { id: command.params.tagId, name: command.params.tagName };
      const data = Prisma.sql`${tagRemovedEventDataSql(tag)} || jsonb_build_object('bulkOperationId', ${operation})`;
      return Prisma.sql`
        WITH ${targetCte(batch, Prisma.sql`c."id"`, hasTag(organizationId, tag.id), "NONE")},
        removed AS (
          DELETE FROM "ContactTag" ct
           USING target t
           WHERE ct."organizationId" = ${organizationId}::uuid AND ct."contactId" = t."id" AND ct."tagId" = ${tag.id}::uuid
          RETURNING ct."contactId", ct."source", ct."confidence"
        ),
        ${eventsCte(batch, "TAG_REMOVED", data, Prisma.sql`removed r`, Prisma.sql`r."contactId"`)}
        ${finalSelect(batch, Prisma.sql`target`, Prisma.sql`removed`)}`;
    }
    case "delete":
      // The timeline goes with the contact (ON DELETE CASCADE); the BulkOperation row records who deleted how many.
      return Prisma.sql`
        WITH ${targetCte(batch, Prisma.sql`c."id"`, null, "UPDATE")},
        removed AS (
          DELETE FROM "Contact" u USING target t
           WHERE u."id" = t."id" AND u."organizationId" = ${organizationId}::uuid
          RETURNING u."id"
        )
        ${finalSelect(batch, Prisma.sql`target`, Prisma.sql`removed`)}`;
  }
}

export async function applyBulkBatch(tx: Tx, batch: BulkBatch): Promise<BulkBatchResult> {
  const rows = await tx.$queryRaw<BulkBatchResult[]>(bulkBatchSql(batch));
  const row = rows[0];
  return { selected: row?.selected ?? 0, changed: row?.changed ?? 0, matched: row?.matched ?? null };
}
