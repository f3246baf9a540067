// GET /contacts/export?<the contact list's URL params> — the filtered list as a CSV download, streamed.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportContactsCsv } from "~/services/contact-export.server";
import { getCaller, loaderCall } from "~/trpc/caller.server";
import { prepareExportSchema } from "~/trpc/routers/contact-import/prepare-export.schema";
import { contactListParamsToInput } from "~/domain/contact/contact-filter.schema";
import { describeIssues } from "~/domain/contact/list-view";
import { csvDownloadResponse, refusedDownloadResponse } from "~/web/csv-download.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const { caller } = await getCaller(request);
  // A view the list would refuse gets the list's own sentence (a download link has no page to show it on).
  const parsed = prepareExportSchema.safeParse(contactListParamsToInput(params));
  if (!parsed.success) {
    return refusedDownloadResponse(`This view has a problem: ${describeIssues(parsed.error)}. Go back to the contacts list and change the filter.`);
  }
  const plan = await loaderCall(request, () => caller.contactImport.prepareExport(parsed.data));
  return csvDownloadResponse({
    fileName: plan.fileName,
    what: "contacts",
    write: (body) => exportContactsCsv(plan.scope, plan.filter, body, { signal: request.signal, sort: plan.sort, dir: plan.dir }),
  });
}
