// Reads uploaded CSV files: works out the text encoding, turns everything into
// UTF-8 without a byte order mark, guesses the delimiter, and parses records as
// a stream with csv-parse (never the whole file as one array).
import { isUtf8 } from "node:buffer";
import { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { parse, CsvError } from "csv-parse";

import { MAX_IMPORT_BYTES } from "~/trpc/routers/contact-import/import-fields";

export { MAX_IMPORT_BYTES };
export const MAX_IMPORT_COLUMNS = 200;
/** The longest record (in characters) we parse; a longer one is a broken file, not a contact. */
const MAX_RECORD_CHARS = 1_000_000;

export const NOT_UTF8_MESSAGE = "This file isn't UTF-8 text — in Excel use Save As → CSV UTF-8 (Comma delimited) and upload that file.";

/** A problem with the file as a whole; its message is meant for the person who uploaded it. */
export class CsvFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CsvFileError";
  }
}

export type CsvDelimiter = "," | ";" | "\t";

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

/**
 * The file as UTF-8 bytes without a byte order mark. Accepts UTF-8 (with or
 * without BOM) and UTF-16 LE/BE with a BOM; anything else is refused with a
 * message that says how to save the file properly.
 */
export function normalizeCsvEncoding(bytes: Uint8Array): Buffer {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length > MAX_IMPORT_BYTES) throw new CsvFileError(fileTooLargeMessage(buffer.length));
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return utf16ToUtf8(buffer.subarray(2), "utf-16le");
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return utf16ToUtf8(buffer.subarray(2), "utf-16be");
  const body = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? buffer.subarray(3) : buffer;
  // NUL bytes are valid UTF-8 but never appear in a text CSV; they mean UTF-16 without a BOM or a binary file.
  if (!isUtf8(body) || body.includes(0)) throw new CsvFileError(NOT_UTF8_MESSAGE);
  return body;
}

function utf16ToUtf8(body: Buffer, encoding: "utf-16le" | "utf-16be"): Buffer {
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(body);
  } catch {
    throw new CsvFileError(NOT_UTF8_MESSAGE);
  }
  if (text.includes("\u0000")) throw new CsvFileError(NOT_UTF8_MESSAGE);
  return Buffer.from(text, "utf8");
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

export type CsvRecord = { /** 0 for the header, 1 for the first data row. */ index: number; cells: string[] };

function describeCsvError(error: CsvError): string {
  const line = typeof error.lines === "number" ? ` near line ${error.lines}` : "";
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return `The file isn't valid CSV${line}: a quoted field is never closed.`;
    case "CSV_INVALID_CLOSING_QUOTE":
      return `The file isn't valid CSV${line}: a closing quote is followed by other text.`;
    case "CSV_MAX_RECORD_SIZE":
      return `The file isn't valid CSV${line}: a row is far too long (often a missing closing quote).`;
    default:
      return `The file isn't valid CSV${line}: ${error.message}`;
  }
}

/**
 * Parses UTF-8 CSV from `source` (Buffers or strings, in order) into records,
 * lazily: the caller pulls records, and stopping early stops reading.
 */
export async function* parseCsvRecords(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  delimiter: CsvDelimiter,
): AsyncGenerator<CsvRecord> {
  const parser = parse({
    delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_CHARS,
  });
  const decoder = new StringDecoder("utf8");
  const input = Readable.from(
    (async function* () {
      for await (const chunk of source) {
        const text = typeof chunk === "string" ? chunk : decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if (text) yield text;
      }
      const rest = decoder.end();
      if (rest) yield rest;
    })(),
  );
  input.on("error", (error) => parser.destroy(error));
  input.pipe(parser);
  let index = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      yield { index, cells };
      index += 1;
    }
  } catch (error) {
    if (error instanceof CsvError) throw new CsvFileError(describeCsvError(error));
    throw error;
  } finally {
    input.unpipe(parser);
    input.destroy();
    parser.destroy();
  }
}

/** Column titles from the header record; blank ones get a name so people can tell them apart. */
export function headerLabels(cells: string[]): string[] {
  return cells.map((cell, i) => cell.trim() || `Column ${i + 1}`);
}

export type CsvSummary = { delimiter: CsvDelimiter; headers: string[]; totalRows: number };

/** Reads the whole (normalized) file once: its header, its delimiter and how many data rows it has. */
export async function summarizeCsv(content: Buffer): Promise<CsvSummary> {
  const delimiter = detectDelimiter(content.subarray(0, 65_536).toString("utf8"));
  let headers: string[] | null = null;
  let totalRows = 0;
  for await (const record of parseCsvRecords(chunksOf(content), delimiter)) {
    if (record.index === 0) headers = headerLabels(record.cells);
    else totalRows += 1;
  }
  if (!headers || headers.every((header, i) => header === `Column ${i + 1}`)) {
    throw new CsvFileError("The file is empty — it needs a header row (for example name,phone) and at least one contact.");
  }
  if (headers.length > MAX_IMPORT_COLUMNS) {
    throw new CsvFileError(`The file has ${headers.length} columns; at most ${MAX_IMPORT_COLUMNS} can be imported.`);
  }
  if (totalRows === 0) throw new CsvFileError("The file has a header row but no contacts under it.");
  return { delimiter, headers, totalRows };
}

/** Splits a buffer into 1 MB pieces, so the parser streams even an in-memory file. */
export function* chunksOf(content: Buffer, size = 1024 * 1024): Generator<Buffer> {
  for (let offset = 0; offset < content.length; offset += size) yield content.subarray(offset, offset + size);
}
