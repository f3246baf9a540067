// Writes CSV the way RFC 4180 describes it (CRLF line ends, fields with a
// comma, quote or line break wrapped in double quotes, quotes doubled), and
// neutralizes spreadsheet formulas in what we hand out.
//
// Formula injection: a cell that starts with =, +, -, @, a tab or a carriage
// return can run as a formula when the file is opened in a spreadsheet, so
// free text (names, notes, the cells of a failed-rows report) is written with a
// leading single quote ('). The contact export leaves normalized E.164 phones
// alone: + and digits can't hold a formula. The import removes the quote again
// (see stripFormulaGuard), so files exported with it still import cleanly.
import type { Writable } from "node:stream";

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;
const QUOTE = /"/g;

/** A UTF-8 byte order mark: Excel needs it to read a CSV file as UTF-8 (Hindi names, ₹). */
export const UTF8_BOM = "\uFEFF";

/** The text of one CSV field, formula-neutralized and quoted when needed. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = typeof value === "string" ? value : String(value);
  if (text === "") return "";
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(QUOTE, '""')}"` : text;
}

/** One CSV record with its CRLF. */
export function csvRow(values: ReadonlyArray<string | number | null | undefined>): string {
  let line = "";
  for (let i = 0; i < values.length; i += 1) {
    if (i > 0) line += ",";
    line += csvCell(values[i]);
  }
  return `${line}\r\n`;
}

/** Undoes csvCell's formula guard: "'+9198…" → "+9198…", "'=SUM(A1)" → "=SUM(A1)"; anything else as given. */
export function stripFormulaGuard(value: string): string {
  return value.length > 1 && value.charCodeAt(0) === 39 /* ' */ && FORMULA_START.test(value.slice(1))
    ? value.slice(1)
    : value;
}

/** Thrown by writeRespectingBackpressure when the reader went away or the caller aborted. */
export class StreamAbortedError extends Error {
  constructor(message = "The download was cancelled.") {
    super(message);
    this.name = "StreamAbortedError";
  }
}

/**
 * Writes `chunk` and, when the writable's buffer is full, waits for it to drain,
 * so a slow reader slows the producer down instead of filling memory.
 */
export async function writeRespectingBackpressure(writable: Writable, chunk: string | Uint8Array, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted || writable.destroyed || writable.writableEnded) throw new StreamAbortedError();
  if (writable.write(chunk)) return;
  await drained(writable, signal);
}

/** Resolves on the writable's next 'drain'; rejects with StreamAbortedError when it closes or fails first, or on abort. */
export function drained(writable: Writable, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted || writable.destroyed) return Promise.reject(new StreamAbortedError());
  return new Promise<void>((resolve, reject) => {
    const cleanup = () => {
      writable.off("drain", onDrain);
      writable.off("close", onClose);
      writable.off("error", onClose);
      signal?.removeEventListener("abort", onClose);
    };
    const onDrain = () => {
      cleanup();
      resolve();
    };
    const onClose = () => {
      cleanup();
      reject(new StreamAbortedError());
    };
    writable.on("drain", onDrain);
    writable.on("close", onClose);
    writable.on("error", onClose);
    signal?.addEventListener("abort", onClose);
  });
}
