// GET /payments/export?<the payments page's filter> — the matching payments as a CSV download, streamed.
import { PassThrough } from "node:stream";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { exportPaymentsCsv } from "~/services/payment-export.server";
import { StreamAbortedError } from "~/services/csv-writer.server";
import { getCaller, loaderCall } from "~/trpc/caller.server";
import { preparePaymentExportSchema } from "~/trpc/routers/payment/prepare-export.schema";
import { paymentParamsToInput } from "~/domain/payment/payment-filter";
import { describeIssues } from "~/domain/contact/list-view";

const TEXT_HEADERS = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const { caller } = await getCaller(request);
  // A filter the page would refuse gets the page's own sentence (a download link has no page to show it on).
  const parsed = preparePaymentExportSchema.safeParse({ filter: paymentParamsToInput(params).filter });
  if (!parsed.success) {
    return new Response(`This filter has a problem: ${describeIssues(parsed.error)}. Go back to the payments page and change the filter.\n`, {
      status: 400,
      headers: TEXT_HEADERS,
    });
  }
  const plan = await loaderCall(request, () => caller.payment.prepareExport(parsed.data));

  // Small buffers: the export waits for the reader rather than filling memory.
  const body = new PassThrough({ highWaterMark: 256 * 1024 });
  // A client that leaves destroys the body with the reason (possibly after the export has let go of it).
  body.on("error", () => {});
  exportPaymentsCsv(plan.scope, plan.filter, body, { signal: request.signal }).catch((error: unknown) => {
    if (error instanceof StreamAbortedError) {
      body.destroy();
      return;
    }
    console.error("[export] payments CSV failed:", error);
    body.destroy(error as Error);
  });
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
