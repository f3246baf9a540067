// Streams a filtered contact list as CSV.
//
// PostgreSQL writes the CSV itself: `COPY (SELECT …) TO STDOUT WITH (FORMAT csv)`
// on a connection of the process's pool. COPY quotes fields the RFC 4180 way (fields with
// a comma, quote or line break in double quotes, quotes doubled), streams one
// message per row, and the rows never become JavaScript objects — we only turn
// each row's LF into CRLF and pack rows into 256 KB chunks. When the reader is
// slow we pause the socket, which makes PostgreSQL wait (backpressure end to
// end); when the reader goes away we close the connection, and PostgreSQL ends the statement. Memory stays flat
// however many contacts match. Formula injection is neutralized in the SELECT
// for free-text cells (see csv-writer.server.ts); phones are E.164 (+ and
// digits), which can't hold a formula, and go out as they are. Times are the
// organization's local time, converted in the SELECT (AT TIME ZONE), with the
// zone named in the column headers.
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import pg from "pg";
import { Prisma } from "~/generated/prisma/client";
import { contactOrderSql, contactWhereSql, type FilterScope } from "~/models/contact-query.server";
import { DEFAULT_TIME_ZONE, localDate, now, timeZoneOrDefault } from "~/utils/clock";
import type { ContactFilter, ContactListInput } from "~/trpc/routers/contacts/contact-filter.schema";
import { sharedPool } from "~/utils/pg-pool.server";
import { csvRow, StreamAbortedError, UTF8_BOM, writeRespectingBackpressure } from "~/services/csv-writer.server";

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

type CopyConnection = { query: (text: string) => void; stream: { pause: () => void; resume: () => void } };

/** `COPY … TO STDOUT` for node-postgres: hands each row (one CopyData message) to `onRow`. */
class CopyToStdout implements pg.Submittable {
  readonly done: Promise<void>;
  private settle!: { resolve: () => void; reject: (error: Error) => void };
  private connection: CopyConnection | null = null;

  constructor(
    private readonly text: string,
    private readonly onRow: (row: Buffer) => void,
  ) {
    this.done = new Promise<void>((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    this.done.catch(() => {});
  }

  submit(connection: pg.Connection) {
    this.connection = connection as unknown as CopyConnection;
    this.connection.query(this.text);
  }

  pause() {
    this.connection?.stream.pause();
  }

  resume() {
    this.connection?.stream.resume();
  }

  handleCopyData(message: { chunk: Buffer }) {
    this.onRow(message.chunk);
  }

  handleCopyInResponse(connection: { sendCopyFail: (message: string) => void }) {
    connection.sendCopyFail("COPY FROM is not expected here");
  }

  handleError(error: Error) {
    this.settle.reject(error);
  }

  handleReadyForQuery() {
    this.settle.resolve();
  }

  handleCommandComplete() {}
  handleRowDescription() {}
  handleDataRow() {}
  handleEmptyQuery() {}
  handlePortalSuspended() {}
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
  const pool = options.pool ?? sharedPool();
  const chunkBytes = options.chunkBytes ?? 256 * 1024;
  const signal = options.signal;
  if (signal?.aborted) throw new StreamAbortedError();

  // One of the pool's connections for the whole export (it is one transaction).
  // (The pool's clients ignore 'error' events: a dropped connection rejects the running statement instead.)
  const client = await pool.connect();
  let cancelled = false;
  let released = false;
  let copy: CopyToStdout | null = null;
  /** Back to the pool when the export finished cleanly; closed (so the pool opens a fresh one) otherwise. */
  const release = (destroy: boolean) => {
    if (released) return;
    released = true;
    client.release(destroy ? new Error("export connection closed") : undefined);
  };
  const cancel = () => {
    if (cancelled) return;
    cancelled = true;
    copy?.resume();
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

  let rows = 0;
  let cleanlyDone = false;
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
    const flush = () => {
      if (used === 0) return;
      const chunk = buffer.subarray(0, used);
      buffer = Buffer.allocUnsafe(chunkBytes);
      used = 0;
      // (Rows already on their way still arrive after a pause: one 'drain' listener is enough.)
      if (!writable.write(chunk) && !cancelled && !progress.waitingForReader) {
        // The reader is behind: stop reading from PostgreSQL until it catches up.
        copy?.pause();
        progress.waitingForReader = true;
        writable.once("drain", () => {
          progress.waitingForReader = false;
          copy?.resume();
        });
      }
    };
    const onRow = (row: Buffer) => {
      rows += 1;
      progress.rowsRead = rows;
      // Each CopyData message is exactly one row ending in "\n" (line breaks inside fields are quoted).
      const body = row[row.length - 1] === 0x0a ? row.length - 1 : row.length;
      if (used + body + 2 > buffer.length) {
        flush();
        if (body + 2 > buffer.length) buffer = Buffer.allocUnsafe(body + 2);
      }
      row.copy(buffer, used, 0, body);
      buffer[used + body] = 0x0d;
      buffer[used + body + 1] = 0x0a;
      used += body + 2;
    };

    const select = exportSelect(scope, filter, definitions.rows.map((row) => row.key), timeZone, options);
    copy = new CopyToStdout(`COPY (${inlineSql(select)}) TO STDOUT WITH (FORMAT csv)`, onRow);
    client.query(copy);
    await copy.done;
    if (cancelled) throw new StreamAbortedError();
    flush();
    await client.query("COMMIT");
    cleanlyDone = true;
    release(false);
    writable.end();
    // Done means the reader has everything, not just that it is queued.
    await finished(writable, { readable: false }).catch(() => {
      throw new StreamAbortedError();
    });
    return { rows };
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
