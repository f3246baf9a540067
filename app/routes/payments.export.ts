// GET /payments/export?<the payments page's filter> — the matching payments as a CSV download, streamed.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportPaymentsCsv } from "~/services/payment-export.server";
import { getCaller, loaderCall } from "~/trpc/caller.server";
import { preparePaymentExportSchema } from "~/trpc/routers/payment/prepare-export.schema";
import { paymentParamsToInput } from "~/domain/payment/payment-filter";
import { describeIssues } from "~/domain/contact/list-view";
import { csvDownloadResponse, refusedDownloadResponse } from "~/web/csv-download.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const { caller } = await getCaller(request);
  // A filter the page would refuse gets the page's own sentence (a download link has no page to show it on).
  const parsed = preparePaymentExportSchema.safeParse({ filter: paymentParamsToInput(params).filter });
  if (!parsed.success) {
    return refusedDownloadResponse(`This filter has a problem: ${describeIssues(parsed.error)}. Go back to the payments page and change the filter.`);
  }
  const plan = await loaderCall(request, () => caller.payment.prepareExport(parsed.data));
  return csvDownloadResponse({
    fileName: plan.fileName,
    what: "payments",
    write: (body) => exportPaymentsCsv(plan.scope, plan.filter, body, { signal: request.signal }),
  });
}
