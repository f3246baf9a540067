// A CSV export as a download: the export writes into a small buffer that the response streams, so it
// waits for the reader rather than filling memory; a client that leaves stops it. And the plain-text
// answer a download link gives when its filter is refused (it has no page to show an error on).
import { PassThrough, type Writable } from "node:stream";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { StreamAbortedError } from "~/services/csv-writer.server";

const NO_STORE = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };

export function refusedDownloadResponse(sentence: string): Response {
  return new Response(`${sentence}\n`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8", ...NO_STORE } });
}

/** Streams what `write` writes as `fileName`; `what` names the export in the log when it fails. */
export function csvDownloadResponse({ fileName, what, write }: { fileName: string; what: string; write: (body: Writable) => Promise<unknown> }): Response {
  const body = new PassThrough({ highWaterMark: 256 * 1024 });
  // A client that leaves destroys the body with the reason (possibly after the export has let go of it).
  body.on("error", () => {});
  write(body).catch((error: unknown) => {
    if (error instanceof StreamAbortedError) {
      body.destroy();
      return;
    }
    console.error(`[export] ${what} CSV failed:`, error);
    body.destroy(error as Error);
  });
  return new Response(createReadableStreamFromReadable(body), {
    status: 200,
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${fileName}"`, ...NO_STORE },
  });
}
