// GET /contacts/export?<the contact list's URL params> — the filtered list as a CSV download, streamed.
import { PassThrough } from "node:stream";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { exportContactsCsv } from "~/services/contact-export.server";
import { StreamAbortedError } from "~/services/csv-writer.server";
import { getCaller, loaderCall } from "~/trpc/caller.server";
import { prepareExportSchema } from "~/trpc/routers/contact-import/prepare-export.schema";
import { contactListParamsToInput } from "~/domain/contact/contact-filter.schema";
import { describeIssues } from "~/domain/contact/list-view";

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const { caller } = await getCaller(request);
  // A view the list would refuse gets the list's own sentence (a download link has no page to show it on).
  const parsed = prepareExportSchema.safeParse(contactListParamsToInput(params));
  if (!parsed.success) {
    return new Response(`This view has a problem: ${describeIssues(parsed.error)}. Go back to the contacts list and change the filter.\n`, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" },
    });
  }
  const input = parsed.data;
  const plan = await loaderCall(request, () => caller.contactImport.prepareExport(input));

  // Small buffers: the export waits for the reader rather than filling memory.
  const body = new PassThrough({ highWaterMark: 256 * 1024 });
  // A client that leaves destroys the body with the reason (possibly after the export has let go of it).
  body.on("error", () => {});
  exportContactsCsv(plan.scope, plan.filter, body, { signal: request.signal, sort: plan.sort, dir: plan.dir }).catch(
    (error: unknown) => {
      if (error instanceof StreamAbortedError) {
        body.destroy();
        return;
      }
      console.error("[export] contacts CSV failed:", error);
      body.destroy(error as Error);
    },
  );
  return new Response(createReadableStreamFromReadable(body), {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${plan.fileName}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
