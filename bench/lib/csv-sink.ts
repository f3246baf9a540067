// A Writable that keeps nothing: counts bytes and CSV records (line feeds
// outside double quotes), so an export can be verified without holding it.
import { Writable } from "node:stream";

const QUOTE = 0x22;
const LF = 0x0a;

export class CsvCountingSink extends Writable {
  bytes = 0;
  /** Line feeds outside quoted fields: records, header included. */
  lines = 0;
  private inQuotes = false;

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.bytes += chunk.length;
    if (!this.inQuotes && chunk.indexOf(QUOTE) === -1) {
      // The common case, no quoted field in the chunk: count line feeds with indexOf.
      for (let at = chunk.indexOf(LF); at !== -1; at = chunk.indexOf(LF, at + 1)) this.lines += 1;
    } else {
      for (const byte of chunk) {
        if (byte === QUOTE) this.inQuotes = !this.inQuotes;
        else if (byte === LF && !this.inQuotes) this.lines += 1;
      }
    }
    callback();
  }
}
