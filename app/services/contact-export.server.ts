// Streams a filtered contact list as CSV, through the exports' shared COPY machinery
// (csv-copy-export.server.ts: PostgreSQL writes the CSV, backpressure end to end, a reader that leaves
// ends the statement). Formula injection is neutralized in the SELECT for free-text cells (see
// csv-writer.server.ts); phones are E.164 (+ and digits), which can't hold a formula, and go out as they
// are. Times are the organization's local time, converted in the SELECT (AT TIME ZONE), with the zone
// named in the column headers.
import type { Writable } from "node:stream";
import type pg from "pg";
import { Prisma } from "~/generated/prisma/client";
import { contactOrderSql, contactWhereSql, type FilterScope } from "~/models/contact-query.server";
import { DEFAULT_TIME_ZONE, localDate, now, timeZoneOrDefault } from "~/utils/clock";
import type { ContactFilter, ContactListInput } from "~/domain/contact/contact-filter.schema";
import {
  copyCsvExport,
  localTimeSql,
  neutralizedSql as neutralized,
  phoneCellSql as phoneCell,
  type CopyExportOptions,
  type ExportResult,
} from "~/services/csv-copy-export.server";

export { CsvRowEnds, exportsInProgress, inlineSql, type ExportProgress, type ExportResult } from "~/services/csv-copy-export.server";

export const EXPORT_BASE_COLUMNS = [
  "Name",
  "Phone",
  "Email",
  "Stage",
  "Temperature",
  "Score",
  "Source",
  "Owner email",
  "Tags",
  "Company",
] as const;
/** The time columns, named with the zone their values are in: "Created at (Asia/Kolkata)". */
export function exportTimeColumns(timeZone: string): string[] {
  return [`Created at (${timeZone})`, `Last activity at (${timeZone})`];
}
/** The zone of an organization that hasn't chosen one (Organization.timezone's default). */
export const DEFAULT_EXPORT_TIME_ZONE = DEFAULT_TIME_ZONE;
/** Whose contacts: the export reads the organization's time zone itself, in its own snapshot. */
export type ExportScope = Omit<FilterScope, "timeZone">;
export const EXPORT_APPLICATION_NAME = "leadlane_contact_export";

export type ExportOptions = CopyExportOptions & {
  /**
   * The list's order, when the person chose one. Without it the rows come in
   * the order the database finds them fastest: sorting a million rows costs
   * more than exporting them.
   */
  sort?: ContactListInput["sort"];
  dir?: ContactListInput["dir"];
};

/** The organization's zone, when it is one; else the default. */
export function exportTimeZone(stored: string | null | undefined): string {
  return timeZoneOrDefault(stored);
}

function exportSelect(scope: ExportScope, filter: ContactFilter, customFieldKeys: string[], timeZone: string, options: ExportOptions) {
  const where = contactWhereSql({ ...scope, timeZone }, filter);
  const custom = customFieldKeys.map((key) => Prisma.sql`, ${neutralized(Prisma.sql`c."customFields" ->> ${key}::text`)}`);
  // timestamptz AT TIME ZONE gives the zone's wall clock. (Not the session's TimeZone: the filter's date
  // arithmetic must mean what it means on the list.)
  const local = (column: Prisma.Sql) => localTimeSql(column, timeZone);
  return Prisma.sql`
    SELECT ${neutralized(Prisma.sql`c."name"`)}, ${phoneCell(Prisma.sql`c."phone"`)}, ${neutralized(Prisma.sql`c."email"`)},
      c."stage", c."temperature", c."score", c."source",
      ${neutralized(Prisma.sql`u."email"`)}, ${neutralized(Prisma.sql`tg."tags"`)}, ${neutralized(Prisma.sql`co."name"`)}
      ${custom.length ? Prisma.join(custom, "") : Prisma.empty},
      ${local(Prisma.sql`c."createdAt"`)}, ${local(Prisma.sql`c."lastActivityAt"`)}
    FROM "Contact" c
    LEFT JOIN "User" u ON u."id" = c."ownerId"
    LEFT JOIN "Company" co ON co."id" = c."companyId" AND co."organizationId" = c."organizationId"
    LEFT JOIN (
      SELECT ct."contactId", string_agg(t."name", ';' ORDER BY t."name") AS "tags"
        FROM "ContactTag" ct JOIN "Tag" t ON t."id" = ct."tagId" AND t."organizationId" = ct."organizationId"
       WHERE ct."organizationId" = ${scope.organizationId}::uuid
         AND ct."contactId" IN (SELECT c."id" FROM "Contact" c WHERE ${where})
       GROUP BY ct."contactId"
    ) tg ON tg."contactId" = c."id"
    WHERE ${where}
    ${options.sort ? Prisma.sql`ORDER BY ${contactOrderSql(options.sort, options.dir ?? "desc")}` : Prisma.empty}`;
}

/**
 * Writes every contact of `scope`'s organization matching `filter` to `writable`
 * as CSV (UTF-8 with BOM, CRLF line ends), then ends it. Resolves with the row
 * count once `writable` has finished. Rejects with StreamAbortedError when cancelled or when `writable`
 * closes before the end.
 */
export async function exportContactsCsv(
  scope: ExportScope,
  filter: ContactFilter,
  writable: Writable,
  options: ExportOptions = {},
): Promise<ExportResult> {
  return copyCsvExport(
    { organizationId: scope.organizationId, applicationName: EXPORT_APPLICATION_NAME },
    writable,
    async (client: pg.PoolClient) => {
      const definitions = await client.query<{ key: string; label: string }>(
        `SELECT "key", "label" FROM "CustomFieldDefinition" WHERE "organizationId" = $1::uuid ORDER BY "position", "createdAt", "key"`,
        [scope.organizationId],
      );
      const organization = await client.query<{ timezone: string }>(`SELECT "timezone" FROM "Organization" WHERE "id" = $1::uuid`, [
        scope.organizationId,
      ]);
      const timeZone = exportTimeZone(organization.rows[0]?.timezone);
      const header = [...EXPORT_BASE_COLUMNS, ...definitions.rows.map((row) => row.label), ...exportTimeColumns(timeZone)];
      const select = exportSelect(scope, filter, definitions.rows.map((row) => row.key), timeZone, options);
      return { header, select };
    },
    options,
  );
}

/** "contacts-2026-11-22.csv", dated in the organization's time zone. */
export function exportFileName(at: Date = now(), timeZone: string = DEFAULT_EXPORT_TIME_ZONE): string {
  return `contacts-${localDate(at, exportTimeZone(timeZone))}.csv`;
}
