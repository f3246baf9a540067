// GET /imports/:id/errors.csv — the rows an import could not take, with the reason, as CSV.
import { PassThrough } from "node:stream";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable, json } from "@remix-run/node";
import { writeImportErrorsCsv } from "~/services/contact-import.server";
import { StreamAbortedError } from "~/services/csv-writer.server";
import { getCaller, loaderCall } from "~/trpc/caller.server";
import { importIdSchema } from "~/trpc/routers/contact-import/get.schema";

function reportFileName(fileName: string): string {
  const base = fileName.replace(/\.csv$/i, "").replace(/[^A-Za-z0-9._ -]+/g, "_").trim() || "import";
  return `${base}-failed-rows.csv`;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const parsed = importIdSchema.safeParse({ id: params.id });
  if (!parsed.success) throw json({ message: "Import not found." }, { status: 404 });
  const { caller, ctx } = await getCaller(request);
  const report = await loaderCall(request, () => caller.contactImport.errorReport(parsed.data));

  const body = new PassThrough({ highWaterMark: 256 * 1024 });
  writeImportErrorsCsv(
    ctx.db,
    { organizationId: report.organizationId, importId: report.id, headers: report.headers },
    body,
    request.signal,
  ).catch((error: unknown) => {
    if (!(error instanceof StreamAbortedError)) console.error("[import] failed-rows report failed:", error);
    body.destroy();
  });
  return new Response(createReadableStreamFromReadable(body), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${reportFileName(report.fileName)}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
