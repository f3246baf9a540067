// Streams a filtered contact list as CSV.
//
// PostgreSQL writes the CSV itself: `COPY (SELECT …) TO STDOUT WITH (FORMAT csv)`
// on a dedicated connection, read through pg-copy-streams. COPY quotes fields
// the RFC 4180 way (fields with a comma, quote or line break in double quotes,
// quotes doubled), and the rows never become JavaScript objects — we only turn
// each row's LF into CRLF (a line break outside quotes ends a row) and pack the
// bytes into 256 KB chunks. When the reader is slow we stop reading the COPY
// stream, which leaves the socket unread and makes PostgreSQL wait
// (backpressure end to end); when the reader goes away we cancel the statement. Memory stays flat
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
import type { ContactFilter, ContactListInput } from "~/trpc/routers/contacts/contact-filter.schema";
import { getEnv } from "~/utils/env.server";
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
export const DEFAULT_EXPORT_TIME_ZONE = "Asia/Kolkata";
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
  /** Defaults to DATABASE_URL. */
  connectionString?: string;
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
  if (!stored) return DEFAULT_EXPORT_TIME_ZONE;
  try {
    new Intl.DateTimeFormat("en", { timeZone: stored });
    return stored;
  } catch {
    return DEFAULT_EXPORT_TIME_ZONE;
  }
}

function exportSelect(scope: FilterScope, filter: ContactFilter, customFieldKeys: string[], timeZone: string, options: ExportOptions) {
  const where = contactWhereSql(scope, filter);
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

/** Asks PostgreSQL to stop whatever the export connection is running (from a second, short-lived connection). */
async function cancelBackend(connectionString: string, pid: number | undefined) {
  if (!pid) return;
  const canceller = new pg.Client({ connectionString });
  try {
    await canceller.connect();
    await canceller.query("SELECT pg_cancel_backend($1)", [pid]);
  } catch {
    // The export connection is closed next anyway.
  } finally {
    await canceller.end().catch(() => {});
  }
}

/**
 * Writes every contact of `scope`'s organization matching `filter` to `writable`
 * as CSV (UTF-8 with BOM, CRLF line ends), then ends it. Resolves with the row
 * count once `writable` has finished. Rejects with StreamAbortedError when cancelled or when `writable`
 * closes before the end.
 */
export async function exportContactsCsv(
  scope: FilterScope,
  filter: ContactFilter,
  writable: Writable,
  options: ExportOptions = {},
): Promise<ExportResult> {
  const connectionString = options.connectionString ?? getEnv().DATABASE_URL;
  const chunkBytes = options.chunkBytes ?? 256 * 1024;
  const signal = options.signal;
  if (signal?.aborted) throw new StreamAbortedError();

  const client = new pg.Client({ connectionString, application_name: EXPORT_APPLICATION_NAME });
  client.on("error", () => {
    // A cancelled or dropped connection: the running statement rejects and we stop there.
  });
  let cancelled = false;
  const cancel = () => {
    if (cancelled) return;
    cancelled = true;
    const pid = (client as unknown as { processID?: number }).processID;
    void cancelBackend(connectionString, pid).finally(() => client.end().catch(() => {}));
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
    await client.connect();
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
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
    if (!cancelled) await client.end().catch(() => {});
  }
}

/** "contacts-2026-11-22.csv", dated in the organization's time zone. */
export function exportFileName(now = new Date(), timeZone = DEFAULT_EXPORT_TIME_ZONE): string {
  const date = new Intl.DateTimeFormat("en-CA", { timeZone: exportTimeZone(timeZone), year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  return `contacts-${date}.csv`;
}
