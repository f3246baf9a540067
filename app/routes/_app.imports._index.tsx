import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/page-header";
import { Card } from "~/components/ui/card";
import { buttonClass } from "~/components/ui/button";
import { ErrorView } from "~/components/error-view";
import { useLiveRefresh, useWorkspaceTopics } from "~/components/live/live-events";
import { getCaller, loaderCall } from "~/trpc/caller.server";
import { formatDateTime } from "~/utils/format";
import { roleAtLeast } from "~/utils/permissions";
import { useTimeZone } from "~/components/use-app-data";

export const meta: MetaFunction = () => [{ title: "Imports · Leadlane" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { caller, ctx } = await getCaller(request);
  const canImport = Boolean(ctx.org && roleAtLeast(ctx.org.role, "MANAGER"));
  const imports = canImport ? await loaderCall(request, () => caller.contactImport.list()) : [];
  return json({ canImport, imports });
}

const STATUS_LABELS: Record<string, string> = {
  PENDING: "Waiting for mapping",
  RUNNING: "Importing",
  COMPLETED: "Completed",
  FAILED: "Failed",
};

export default function ImportsPage() {
  const timeZone = useTimeZone();
  const { canImport, imports } = useLoaderData<typeof loader>();
  useLiveRefresh([useWorkspaceTopics().organization], ["import.progress"]);
  return (
    <div className="max-w-5xl space-y-6">
      <PageHeader
        title="Import and export"
        description="Bring contacts in from a CSV file, or download your contacts as CSV."
        actions={
          <div className="flex flex-wrap gap-2">
            <a href="/contacts/export" className={buttonClass("secondary")} download>
              Export all contacts (CSV)
            </a>
            {canImport ? (
              <Link to="/imports/new" className={buttonClass("primary")}>
                New import
              </Link>
            ) : null}
          </div>
        }
      />
      {!canImport ? (
        <Card>
          <p className="text-sm text-slate-600 dark:text-slate-300">
            Managers, admins and owners can import contacts. You can export contacts: use the button above, or
            &ldquo;Export&rdquo; on a filtered contact list.
          </p>
        </Card>
      ) : (
        <Card title="Past imports">
          {imports.length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-300">No imports yet.</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full min-w-[40rem] text-left text-sm">
                <thead className="text-xs uppercase tracking-wide text-slate-500">
                  <tr>
                    <th scope="col" className="py-2 pr-3">File</th>
                    <th scope="col" className="py-2 pr-3">Status</th>
                    <th scope="col" className="py-2 pr-3 text-right">Rows</th>
                    <th scope="col" className="py-2 pr-3 text-right">Created</th>
                    <th scope="col" className="py-2 pr-3 text-right">Updated</th>
                    <th scope="col" className="py-2 pr-3 text-right">Skipped</th>
                    <th scope="col" className="py-2 pr-3 text-right">Failed</th>
                    <th scope="col" className="py-2">Uploaded</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
                  {imports.map((item) => (
                    <tr key={item.id}>
                      <td className="max-w-[16rem] truncate py-2 pr-3">
                        <Link to={`/imports/${item.id}`} className="font-medium underline">
                          {item.fileName}
                        </Link>
                      </td>
                      <td className="py-2 pr-3">{STATUS_LABELS[item.status] ?? item.status}</td>
                      <td className="py-2 pr-3 text-right tabular-nums">
                        {item.status === "RUNNING"
                          ? `${item.processedRows.toLocaleString("en-IN")} / ${item.totalRows.toLocaleString("en-IN")}`
                          : item.totalRows.toLocaleString("en-IN")}
                      </td>
                      <td className="py-2 pr-3 text-right tabular-nums">{item.createdCount.toLocaleString("en-IN")}</td>
                      <td className="py-2 pr-3 text-right tabular-nums">{item.updatedCount.toLocaleString("en-IN")}</td>
                      <td className="py-2 pr-3 text-right tabular-nums">{item.skippedCount.toLocaleString("en-IN")}</td>
                      <td className="py-2 pr-3 text-right tabular-nums">{item.failedCount.toLocaleString("en-IN")}</td>
                      <td className="py-2 text-slate-500">
                        {formatDateTime(item.createdAt, timeZone)}
                        {item.createdBy ? ` · ${item.createdBy.name}` : ""}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
