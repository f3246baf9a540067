// Streams a SELECT as a CSV download: the machinery the contact and payment exports share.
//
// PostgreSQL writes the CSV itself: `COPY (SELECT …) TO STDOUT WITH (FORMAT csv)` on a connection of the
// process's pool, read through pg-copy-streams. COPY quotes fields the RFC 4180 way (fields with a comma,
// quote or line break in double quotes, quotes doubled), and the rows never become JavaScript objects —
// we only turn each row's LF into CRLF (a line break outside quotes ends a row) and pack the bytes into
// 256 KB chunks. When the reader is slow we stop reading the COPY stream, which leaves the socket unread
// and makes PostgreSQL wait (backpressure end to end); when the reader goes away we close the connection,
// and PostgreSQL ends the statement. Memory stays flat however many rows match. The whole export is one
// REPEATABLE READ transaction, so the header and the rows see the same snapshot.
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { Prisma } from "~/generated/prisma/client";
import { sharedPool } from "~/utils/pg-pool.server";
import { csvRow, drained, StreamAbortedError, UTF8_BOM, writeRespectingBackpressure } from "~/services/csv-writer.server";

export type CopyExportOptions = {
  /** Cancels the export (the HTTP request's signal: the client disconnected). */
  signal?: AbortSignal;
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
export const LOCAL_TIME_FORMAT = `'YYYY-MM-DD HH24:MI:SS'`;

/** `column` (a timestamptz) as the wall clock of `timeZone`, written 2026-11-22 14:05:09. */
export function localTimeSql(column: Prisma.Sql, timeZone: string): Prisma.Sql {
  return Prisma.sql`to_char(${column} AT TIME ZONE ${timeZone}::text, ${Prisma.raw(LOCAL_TIME_FORMAT)})`;
}

/** The same rule as csvCell, in SQL: a cell starting with =, +, -, @, tab or CR gets a leading quote. */
export function neutralizedSql(column: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`CASE WHEN left((${column}), 1) IN ('=', '+', '-', '@', E'\\t', E'\\r') THEN '''' || (${column}) ELSE (${column}) END`;
}

/**
 * A phone as it is: the app stores E.164 (+ and digits), which can't hold a formula. Only a first character
 * that can never start an E.164 number still gets the quote (a regular expression per row would slow the
 * whole export down noticeably).
 */
export function phoneCellSql(column: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`CASE WHEN left((${column}), 1) IN ('=', '-', '@', E'\\t', E'\\r') THEN '''' || (${column}) ELSE (${column}) END`;
}

/**
 * COPY takes no bind parameters, so the (already validated) values are written into the statement as
 * escaped literals. An untyped literal is typed by its context exactly like a parameter would be.
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
const CRLF = Buffer.from([CR, LF]);

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

/** What an export writes: its header, and the SELECT whose rows follow it (read inside the export's snapshot). */
export type CopyExportPlan = { header: string[]; select: Prisma.Sql };

/**
 * Writes `header` and then every row of the plan's SELECT to `writable` as CSV (UTF-8 with BOM, CRLF
 * line ends), then ends it. `plan` runs first, on the export's own connection and snapshot (to read what
 * the header depends on: custom fields, the organization's zone). Resolves with the row count once
 * `writable` has finished. Rejects with StreamAbortedError when cancelled or when `writable` closes
 * before the end.
 */
export async function copyCsvExport(
  scope: { organizationId: string; applicationName: string },
  writable: Writable,
  plan: (client: pg.PoolClient) => Promise<CopyExportPlan>,
  options: CopyExportOptions = {},
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
    await client.query(`SET LOCAL application_name = ${pg.escapeLiteral(scope.applicationName)}`);
    await client.query(`SET LOCAL client_connection_check_interval = '1s'`);
    const { header, select } = await plan(client);
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
