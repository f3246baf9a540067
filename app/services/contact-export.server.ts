// Streams a filtered contact list as CSV.
//
// PostgreSQL writes the CSV itself: `COPY (SELECT …) TO STDOUT WITH (FORMAT csv)`
// on a connection of the process's pool, read through pg-copy-streams. COPY quotes fields
// the RFC 4180 way (fields with a comma, quote or line break in double quotes,
// quotes doubled), and the rows never become JavaScript objects — we only turn
// each row's LF into CRLF (a line break outside quotes ends a row) and pack the
// bytes into 256 KB chunks. When the reader is slow we stop reading the COPY
// stream, which leaves the socket unread and makes PostgreSQL wait
// (backpressure end to end); when the reader goes away we close the connection, and PostgreSQL ends the statement. Memory stays flat
// however many contacts match. Formula injection is neutralized in the SELECT
// for free-text cells (see csv-writer.server.ts); phones are E.164 (+ and
// digits), which can't hold a formula, and go out as they are. Times are the
// organization's local time, converted in the SELECT (AT TIME ZONE), with the
// zone named in the column headers.
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { Prisma } from "~/generated/prisma/client";
import { contactOrderSql, contactWhereSql, type FilterScope } from "~/models/contact-query.server";
import { DEFAULT_TIME_ZONE, localDate, now, timeZoneOrDefault } from "~/utils/clock";
import type { ContactFilter, ContactListInput } from "~/domain/contact/contact-filter.schema";
import { sharedPool } from "~/utils/pg-pool.server";
import { csvRow, drained, StreamAbortedError, UTF8_BOM, writeRespectingBackpressure } from "~/services/csv-writer.server";

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

export type ExportOptions = {
  /** Cancels the export (the HTTP request's signal: the client disconnected). */
  signal?: AbortSignal;
  /**
   * The list's order, when the person chose one. Without it the rows come in
   * the order the database finds them fastest: sorting a million rows costs
   * more than exporting them.
   */
  sort?: ContactListInput["sort"];
  dir?: ContactListInput["dir"];
  /** Bytes per write to `writable`. */
  chunkBytes?: number;
  /** Where the export's connection comes from; the process's shared pool unless given. */
  pool?: pg.Pool;
};

export type ExportResult = { rows: number };

/** A running export, as seen from outside: how far it has read, and whether it is waiting for its reader. */
export type ExportProgress = {
  readonly organizationId: string;
  /** Rows received from PostgreSQL so far. */
  rowsRead: number;
  /** True while reading from PostgreSQL is paused because the reader has not caught up. */
  waitingForReader: boolean;
};

const running = new Set<ExportProgress>();

/** The exports this process is running now (for monitoring: a slow reader must hold its export back). */
export function exportsInProgress(): ReadonlyArray<Readonly<ExportProgress>> {
  return [...running];
}

/** Local date and time as spreadsheets read it: 2026-11-22 14:05:09 (the zone is named in the header). */
const LOCAL_TIME_FORMAT = `'YYYY-MM-DD HH24:MI:SS'`;

/** The same rule as csvCell, in SQL: a cell starting with =, +, -, @, tab or CR gets a leading quote. */
function neutralized(column: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`CASE WHEN left((${column}), 1) IN ('=', '+', '-', '@', E'\\t', E'\\r') THEN '''' || (${column}) ELSE (${column}) END`;
}

/**
 * A phone as it is: the app stores E.164 (+ and digits), which can't hold a formula. Only a first character
 * that can never start an E.164 number still gets the quote (a regular expression per row would slow the
 * whole export down noticeably).
 */
function phoneCell(column: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`CASE WHEN left((${column}), 1) IN ('=', '-', '@', E'\\t', E'\\r') THEN '''' || (${column}) ELSE (${column}) END`;
}

/** The organization's zone, when it is one; else the default. */
export function exportTimeZone(stored: string | null | undefined): string {
  return timeZoneOrDefault(stored);
}

function exportSelect(scope: ExportScope, filter: ContactFilter, customFieldKeys: string[], timeZone: string, options: ExportOptions) {
  const where = contactWhereSql({ ...scope, timeZone }, filter);
  const custom = customFieldKeys.map((key) => Prisma.sql`, ${neutralized(Prisma.sql`c."customFields" ->> ${key}::text`)}`);
  // timestamptz AT TIME ZONE gives the zone's wall clock. (Not the session's TimeZone: the filter's date
  // arithmetic must mean what it means on the list.)
  const local = (column: Prisma.Sql) => Prisma.sql`to_char(${column} AT TIME ZONE ${timeZone}::text, ${Prisma.raw(LOCAL_TIME_FORMAT)})`;
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
 * COPY takes no bind parameters, so the (already validated) filter values are
 * written into the statement as escaped literals. An untyped literal is typed
 * by its context exactly like a parameter would be.
 */
export function inlineSql(query: Prisma.Sql): string {
  return query.text.replace(/\$(\d+)/g, (_match, position: string) => {
    const value: unknown = query.values[Number(position) - 1];
    if (value === null || value === undefined) return "NULL";
    if (typeof value === "string") return pg.escapeLiteral(value);
    if (typeof value === "number" && Number.isFinite(value)) return pg.escapeLiteral(String(value));
    if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
    throw new Error(`inlineSql: unsupported value of type ${typeof value}`);
  });
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Turns COPY's CSV bytes (rows ending in LF) into CRLF rows, across chunk
 * boundaries: a LF outside double quotes ends a row; one inside a quoted field
 * is the field's own line break and stays. (A doubled quote inside a field
 * toggles the state twice, so it changes nothing.) Jumps between quotes and
 * line ends with indexOf rather than looking at every byte.
 */
export class CsvRowEnds {
  rows = 0;
  private quoted = false;

  /** Calls `emit` with the pieces of `chunk`, CRLF in place of each row's LF. */
  convert(chunk: Buffer, emit: (piece: Buffer) => void): void {
    let from = 0;
    let at = 0;
    while (at < chunk.length) {
      if (this.quoted) {
        const close = chunk.indexOf(QUOTE, at);
        if (close === -1) break;
        this.quoted = false;
        at = close + 1;
        continue;
      }
      const quote = chunk.indexOf(QUOTE, at);
      const lineEnd = chunk.indexOf(LF, at);
      if (lineEnd !== -1 && (quote === -1 || lineEnd < quote)) {
        emit(chunk.subarray(from, lineEnd));
        emit(CRLF);
        this.rows += 1;
        from = lineEnd + 1;
        at = from;
      } else if (quote !== -1) {
        this.quoted = true;
        at = quote + 1;
      } else break;
    }
    if (from < chunk.length) emit(chunk.subarray(from));
  }
}
const CRLF = Buffer.from([CR, LF]);

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
  const pool = options.pool ?? sharedPool();
  const chunkBytes = options.chunkBytes ?? 256 * 1024;
  const signal = options.signal;
  if (signal?.aborted) throw new StreamAbortedError();

  // One of the pool's connections for the whole export (it is one transaction).
  // (The pool's clients ignore 'error' events: a dropped connection rejects the running statement instead.)
  const client = await pool.connect();
  let cancelled = false;
  let released = false;
  let cleanlyDone = false;
  /** Back to the pool when the export finished cleanly; closed (so the pool opens a fresh one) otherwise. */
  const release = (destroy: boolean) => {
    if (released) return;
    released = true;
    client.release(destroy ? new Error("export connection closed") : undefined);
  };
  const cancel = () => {
    if (cancelled) return;
    cancelled = true;
    // Closing the connection ends the statement: PostgreSQL stops at its next write to the socket, or
    // within a second while still computing (client_connection_check_interval below).
    release(true);
  };
  const onWritableGone = () => {
    if (!writable.writableFinished) cancel();
  };
  signal?.addEventListener("abort", cancel, { once: true });
  writable.on("close", onWritableGone);
  writable.on("error", onWritableGone);

  const rowEnds = new CsvRowEnds();
  const progress: ExportProgress = { organizationId: scope.organizationId, rowsRead: 0, waitingForReader: false };
  running.add(progress);
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    // Named while it runs (monitoring, tests); SET LOCAL ends with the transaction.
    await client.query(`SET LOCAL application_name = ${pg.escapeLiteral(EXPORT_APPLICATION_NAME)}`);
    await client.query(`SET LOCAL client_connection_check_interval = '1s'`);
    const definitions = await client.query<{ key: string; label: string }>(
      `SELECT "key", "label" FROM "CustomFieldDefinition" WHERE "organizationId" = $1::uuid ORDER BY "position", "createdAt", "key"`,
      [scope.organizationId],
    );
    const organization = await client.query<{ timezone: string }>(`SELECT "timezone" FROM "Organization" WHERE "id" = $1::uuid`, [
      scope.organizationId,
    ]);
    const timeZone = exportTimeZone(organization.rows[0]?.timezone);
    const header = [...EXPORT_BASE_COLUMNS, ...definitions.rows.map((row) => row.label), ...exportTimeColumns(timeZone)];
    await writeRespectingBackpressure(writable, UTF8_BOM + csvRow(header), signal);

    let buffer = Buffer.allocUnsafe(chunkBytes);
    let used = 0;
    const pendingChunks: Buffer[] = [];
    const append = (piece: Buffer) => {
      if (used + piece.length > buffer.length) {
        // A piece larger than a whole chunk goes out in a buffer of its own size.
        pendingChunks.push(buffer.subarray(0, used));
        buffer = Buffer.allocUnsafe(Math.max(chunkBytes, piece.length));
        used = 0;
      }
      piece.copy(buffer, used);
      used += piece.length;
    };
    /** Sends full chunks; while the reader is behind, nothing more is read from PostgreSQL. */
    const sendPending = async () => {
      for (const chunk of pendingChunks.splice(0)) {
        if (chunk.length === 0 || writable.write(chunk)) continue;
        progress.waitingForReader = true;
        try {
          await drained(writable, signal);
        } finally {
          progress.waitingForReader = false;
        }
      }
    };

    const select = exportSelect(scope, filter, definitions.rows.map((row) => row.key), timeZone, options);
    const copy = client.query(copyTo(`COPY (${inlineSql(select)}) TO STDOUT WITH (FORMAT csv)`));
    // A cancelled statement still reports its error here after the loop below has let go of the stream.
    copy.on("error", () => {});
    for await (const chunk of copy as AsyncIterable<Buffer>) {
      rowEnds.convert(chunk, append);
      progress.rowsRead = rowEnds.rows;
      await sendPending();
    }
    if (cancelled) throw new StreamAbortedError();
    pendingChunks.push(buffer.subarray(0, used));
    await sendPending();
    await client.query("COMMIT");
    cleanlyDone = true;
    writable.end();
    // Done means the reader has everything, not just that it is queued.
    await finished(writable, { readable: false }).catch(() => {
      throw new StreamAbortedError();
    });
    return { rows: rowEnds.rows };
  } catch (error) {
    if (cancelled || signal?.aborted) throw new StreamAbortedError();
    throw error;
  } finally {
    running.delete(progress);
    signal?.removeEventListener("abort", cancel);
    writable.off("close", onWritableGone);
    writable.off("error", onWritableGone);
    // A failed export may leave its transaction open: don't hand that connection to anyone else.
    release(!cleanlyDone);
  }
}

/** "contacts-2026-11-22.csv", dated in the organization's time zone. */
export function exportFileName(at: Date = now(), timeZone: string = DEFAULT_EXPORT_TIME_ZONE): string {
  return `contacts-${localDate(at, exportTimeZone(timeZone))}.csv`;
}
