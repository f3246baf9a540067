// Reads uploaded CSV files: works out the text encoding, guesses the
// delimiter, counts and checks the records with a quick scan of the bytes, and
// parses records as a stream with csv-parse (never the whole file as one array,
// and only as far as the caller reads).
//
// Encodings: UTF-8 (with or without a byte order mark) and UTF-16 with a byte
// order mark are stored as UTF-8; anything else that isn't valid UTF-8 is what
// Excel's plain "CSV (Comma delimited)" writes on Windows, Windows-1252 (a
// superset of Latin-1), and is stored as uploaded and decoded while reading.
import { isUtf8 } from "node:buffer";
import { StringDecoder } from "node:string_decoder";
import { parse, CsvError, type Parser } from "csv-parse";
import iconv from "iconv-lite";

import { MAX_IMPORT_BYTES, type CsvFileEncoding } from "~/domain/contact-import/import-fields";

export { MAX_IMPORT_BYTES, type CsvFileEncoding };
export const MAX_IMPORT_COLUMNS = 200;
/** The longest record (in bytes) we parse; a longer one is a broken file, not a contact. */
const MAX_RECORD_BYTES = 1_000_000;

export const NOT_TEXT_MESSAGE =
  "This file isn't a CSV text file (it holds NUL bytes, like a spreadsheet or UTF-16 without a byte order mark) — in Excel use Save As → CSV UTF-8 (Comma delimited) and upload that file.";

/** A problem with the file as a whole; its message is meant for the person who uploaded it. */
export class CsvFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CsvFileError";
  }
}

import type { CsvDelimiter } from "~/domain/contact-import/import-fields";
export type { CsvDelimiter };

/** How the stored bytes are written: Windows-1252 files are kept as uploaded, everything else as UTF-8. */
export type CsvStoredEncoding = "utf-8" | "windows-1252";

export function storedEncodingOf(encoding: CsvFileEncoding | undefined): CsvStoredEncoding {
  return encoding === "windows-1252" ? "windows-1252" : "utf-8";
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 10 ? String(Math.round(mb)) : String(Math.round(mb * 10) / 10);
}

/** "The file is 200 MB; the limit is 50 MB — split it into smaller files." */
export function fileTooLargeMessage(bytes: number | null): string {
  const limit = megabytes(MAX_IMPORT_BYTES);
  return bytes && bytes > MAX_IMPORT_BYTES
    ? `The file is ${megabytes(bytes)} MB; the limit is ${limit} MB — split it into smaller files.`
    : `The file is larger than ${limit} MB, the limit — split it into smaller files.`;
}

export type CsvFileContent = { content: Buffer; encoding: CsvFileEncoding };

/**
 * Works out the file's encoding and returns the bytes to store, without a byte
 * order mark: UTF-8 for UTF-8 and UTF-16 files, the file itself for
 * Windows-1252. A file with NUL bytes (a binary file, UTF-16 without a BOM) is
 * refused with a message that says how to save it properly.
 */
export function normalizeCsvEncoding(bytes: Uint8Array): CsvFileContent {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length > MAX_IMPORT_BYTES) throw new CsvFileError(fileTooLargeMessage(buffer.length));
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return { content: utf16ToUtf8(buffer.subarray(2), "utf-16le"), encoding: "utf-16le" };
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return { content: utf16ToUtf8(buffer.subarray(2), "utf-16be"), encoding: "utf-16be" };
  const withBom = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf;
  const body = withBom ? buffer.subarray(3) : buffer;
  // NUL bytes never appear in a text CSV; they mean UTF-16 without a BOM or a binary file.
  if (body.includes(0)) throw new CsvFileError(NOT_TEXT_MESSAGE);
  if (isUtf8(body)) return { content: body, encoding: withBom ? "utf-8-bom" : "utf-8" };
  return { content: body, encoding: "windows-1252" };
}

function utf16ToUtf8(body: Buffer, encoding: "utf-16le" | "utf-16be"): Buffer {
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(body);
  } catch {
    throw new CsvFileError(NOT_TEXT_MESSAGE);
  }
  if (text.includes("\u0000")) throw new CsvFileError(NOT_TEXT_MESSAGE);
  return Buffer.from(text, "utf8");
}

/** Turns stored bytes into text piece by piece (a character split between two pieces is kept for the next). */
function textDecoder(encoding: CsvStoredEncoding): { write: (chunk: Buffer) => string; end: () => string } {
  if (encoding === "windows-1252") {
    const decoder = iconv.getDecoder("windows-1252");
    return { write: (chunk) => decoder.write(chunk), end: () => decoder.end() ?? "" };
  }
  const decoder = new StringDecoder("utf8");
  return { write: (chunk) => decoder.write(chunk), end: () => decoder.end() };
}

/** The first `bytes` of stored content as text. */
export function decodeStart(content: Buffer, encoding: CsvStoredEncoding, bytes = 65_536): string {
  return textDecoder(encoding).write(content.subarray(0, bytes));
}

/** The delimiter of the header line: comma, semicolon (Excel in many locales) or tab, whichever appears most outside quotes. */
export function detectDelimiter(start: string): CsvDelimiter {
  const counts = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (let i = 0; i < start.length && i < 65_536; i += 1) {
    const char = start[i]!;
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && (char === "," || char === ";" || char === "\t")) counts[char] += 1;
  }
  const best = (Object.entries(counts) as Array<[CsvDelimiter, number]>).sort((a, b) => b[1] - a[1])[0]!;
  return best[1] > 0 ? best[0] : ",";
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

export type CsvScan = {
  /** Records in the file, the header included (empty lines don't count). */
  records: number;
  /** The first thing that makes the file unreadable as CSV, for the person who uploaded it. */
  problem: string | null;
};

/**
 * Counts the records of stored CSV bytes (UTF-8 or Windows-1252: the
 * characters that matter are ASCII in both) and finds a quoted field that is
 * never closed, without parsing fields: it jumps from quote to line end with
 * Buffer.indexOf, so 50 MB take a fraction of a second. It follows
 * csv-parse's rules as parseCsvRecords sets it up (so the count is the number
 * of records the import reads): a quote opens a quoted field only as the
 * field's first character; inside, "" is a quote and any other quote closes
 * the field; the line end is the first one found outside quotes (CRLF, LF or
 * CR); empty lines are skipped.
 */
export function scanCsv(content: Buffer, delimiter: CsvDelimiter): CsvScan {
  const delimiterByte = delimiter.charCodeAt(0);
  const length = content.length;
  let records = 0;
  let line = 1;
  let recordStart = 0;
  let recordLine = 1;
  let pos = 0;
  /** null until the first line end outside quotes decides it. */
  let lineEnd: Buffer | null = null;
  let nextQuote = -2;
  let nextEnd = -2;
  const findEnd = (from: number): number => {
    if (lineEnd) return content.indexOf(lineEnd, from);
    const lf = content.indexOf(LF, from);
    const cr = content.indexOf(CR, from);
    return lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
  };
  let nextBreak = -2;
  /** Line breaks inside a quoted field, from `from` to `to` (exclusive). */
  const linesWithin = (from: number, to: number): number => {
    const breakByte = lineEnd && lineEnd.length === 1 && lineEnd[0] === CR ? CR : LF;
    if (nextBreak !== -1 && nextBreak < from) nextBreak = content.indexOf(breakByte, from);
    let count = 0;
    while (nextBreak !== -1 && nextBreak < to) {
      count += 1;
      nextBreak = content.indexOf(breakByte, nextBreak + 1);
    }
    return count;
  };
  const endRecord = (end: number): string | null => {
    if (end > recordStart) {
      records += 1;
      if (end - recordStart > MAX_RECORD_BYTES) {
        return `The file isn't valid CSV: the row starting on line ${recordLine} is far too long (often a quote that is never closed).`;
      }
    }
    return null;
  };

  while (pos < length) {
    if (nextQuote !== -1 && nextQuote < pos) nextQuote = content.indexOf(QUOTE, pos);
    if (nextEnd !== -1 && nextEnd < pos) nextEnd = findEnd(pos);
    if (nextEnd !== -1 && (nextQuote === -1 || nextEnd < nextQuote)) {
      if (!lineEnd) {
        lineEnd = Buffer.from(content[nextEnd] === CR ? (content[nextEnd + 1] === LF ? "\r\n" : "\r") : "\n");
        nextBreak = -2;
      }
      const problem = endRecord(nextEnd);
      if (problem) return { records, problem };
      pos = nextEnd + lineEnd.length;
      line += 1;
      recordStart = pos;
      recordLine = line;
      continue;
    }
    if (nextQuote === -1) break;
    const quote = nextQuote;
    if (quote !== recordStart && content[quote - 1] !== delimiterByte) {
      // A quote inside an unquoted field is an ordinary character.
      pos = quote + 1;
      continue;
    }
    // A quoted field: find the quote that closes it ("" is a quote inside it).
    let close = content.indexOf(QUOTE, quote + 1);
    while (close !== -1 && content[close + 1] === QUOTE) close = content.indexOf(QUOTE, close + 2);
    if (close === -1) {
      return {
        records,
        problem: `The file isn't valid CSV: the quoted field that opens on line ${line} is never closed (a " is missing).`,
      };
    }
    line += linesWithin(quote + 1, close);
    pos = close + 1;
    if (nextEnd !== -1 && nextEnd < pos) nextEnd = -2;
  }
  const problem = endRecord(length);
  return { records, problem };
}

export type CsvRecord = { /** 0 for the header, 1 for the first data row. */ index: number; cells: string[] };

/** What the readers have read so far in this process (tests use it to check a preview reads only its first rows). */
export const csvReadCounters = { bytes: 0, records: 0 };

function describeCsvError(error: CsvError, rowNumber: number): string {
  const where = ` at row ${rowNumber}`;
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return `The file isn't valid CSV${where}: a quoted field is never closed.`;
    case "CSV_MAX_RECORD_SIZE":
      return `The file isn't valid CSV${where}: a row is far too long (often a quote that is never closed).`;
    default:
      return `The file isn't valid CSV${where}: ${error.message}`;
  }
}

/** Resolves when `parser` can take more input, or when it is gone. */
function drained(parser: Parser): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      parser.off("drain", done);
      parser.off("close", done);
      resolve();
    };
    parser.on("drain", done);
    parser.on("close", done);
  });
}

/**
 * Parses CSV from `source` (stored bytes in order) into records, lazily: the
 * caller pulls records, and the source is read only a little ahead of them, so
 * stopping early stops reading.
 */
export async function* parseCsvRecords(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  delimiter: CsvDelimiter,
  encoding: CsvStoredEncoding = "utf-8",
): AsyncGenerator<CsvRecord> {
  const parser = parse({
    delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    // A safety net only: scanCsv refuses long rows at upload (in stored bytes; decoded text can be up to 3× longer).
    max_record_size: 3 * MAX_RECORD_BYTES,
  });
  const decoder = textDecoder(encoding);
  let stopped = false;
  const feeding = (async () => {
    try {
      for await (const chunk of source) {
        if (stopped) return;
        csvReadCounters.bytes += chunk.byteLength;
        const text = decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if (parser.destroyed) return;
        if (text && !parser.write(text)) await drained(parser);
        if (stopped || parser.destroyed) return;
      }
      const rest = decoder.end();
      if (!parser.destroyed) parser.end(rest || undefined);
    } catch (error) {
      parser.destroy(error as Error);
    }
  })();
  let index = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      csvReadCounters.records += 1;
      yield { index, cells };
      index += 1;
    }
  } catch (error) {
    if (error instanceof CsvError) throw new CsvFileError(describeCsvError(error, index + 1));
    throw error;
  } finally {
    stopped = true;
    parser.destroy();
    await feeding;
  }
}

/** Column titles from the header record; blank ones get a name so people can tell them apart. */
export function headerLabels(cells: string[]): string[] {
  return cells.map((cell, i) => cell.trim() || `Column ${i + 1}`);
}

export type CsvSummary = { delimiter: CsvDelimiter; headers: string[]; totalRows: number };

/**
 * What the mapping step needs to know about a file: its delimiter, header and
 * how many data rows it has. Only the header is parsed; the rows are counted
 * (and the file checked for a quote that is never closed) by scanCsv.
 */
export async function summarizeCsv(file: CsvFileContent): Promise<CsvSummary> {
  const encoding = storedEncodingOf(file.encoding);
  const delimiter = detectDelimiter(decodeStart(file.content, encoding));
  const scan = scanCsv(file.content, delimiter);
  if (scan.problem) throw new CsvFileError(scan.problem);
  let headers: string[] | null = null;
  for await (const record of parseCsvRecords(chunksOf(file.content, 64 * 1024), delimiter, encoding)) {
    headers = headerLabels(record.cells);
    break;
  }
  if (!headers || headers.every((header, i) => header === `Column ${i + 1}`)) {
    throw new CsvFileError("The file is empty — it needs a header row (for example name,phone) and at least one contact.");
  }
  if (headers.length > MAX_IMPORT_COLUMNS) {
    throw new CsvFileError(`The file has ${headers.length} columns; at most ${MAX_IMPORT_COLUMNS} can be imported.`);
  }
  const totalRows = scan.records - 1;
  if (totalRows === 0) throw new CsvFileError("The file has a header row but no contacts under it.");
  return { delimiter, headers, totalRows };
}

/** Splits a buffer into 1 MB pieces, so the parser streams even an in-memory file. */
export function* chunksOf(content: Buffer, size = 1024 * 1024): Generator<Buffer> {
  for (let offset = 0; offset < content.length; offset += size) yield content.subarray(offset, offset + size);
}
