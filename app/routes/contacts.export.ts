// GET /contacts/export?<the contact list's URL params> — the filtered list as a CSV download, streamed.
import { PassThrough } from "node:stream";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { exportContactsCsv } from "~/services/contact-export.server";
import { StreamAbortedError } from "~/services/csv-writer.server";
import { getCaller, loaderCall } from "~/trpc/caller.server";
import type { prepareExportSchema } from "~/trpc/routers/contact-import/prepare-export.schema";
import { contactListParamsToInput } from "~/trpc/routers/contacts/contact-filter.schema";
import type { z } from "zod";

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const { caller } = await getCaller(request);
  const input = contactListParamsToInput(params) as z.input<typeof prepareExportSchema>;
  const plan = await loaderCall(request, () => caller.contactImport.prepareExport(input));

  // Small buffers: the export waits for the reader rather than filling memory.
  const body = new PassThrough({ highWaterMark: 256 * 1024 });
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
