import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { PageHeader } from "~/components/page-header";
import { Card } from "~/components/ui/card";
import { buttonClass } from "~/components/ui/button";
import { useLiveRefresh, useWorkspaceTopics } from "~/components/live/live-events";
import { getCaller, loaderCall } from "~/trpc/caller.server";
import { getBulkOperationSchema } from "~/trpc/routers/bulk/get.schema";
import { contactFilterToParams } from "~/domain/contact/contact-filter.schema";
import { contactsLabel, formatCount } from "~/domain/contact/contact-labels";
import { formatDateTime } from "~/utils/format";
import { useTimeZone } from "~/components/use-app-data";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.operation.title ?? "Bulk action"} · Leadlane` }];

const REFRESH_SECONDS = 2;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const parsed = getBulkOperationSchema.safeParse({ id: params.id });
  if (!parsed.success) throw json({ message: "Bulk action not found." }, { status: 404 });
  const { caller } = await getCaller(request);
  const operation = await loaderCall(request, () => caller.bulk.get(parsed.data));
  return json({ operation });
}

const STATUS_LABELS = { PENDING: "Waiting to start", RUNNING: "Running", COMPLETED: "Done", FAILED: "Failed" } as const;

export default function BulkOperationPage() {
  const timeZone = useTimeZone();
  const { operation } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  const finished = operation.status === "COMPLETED" || operation.status === "FAILED";

  useLiveRefresh(
    [useWorkspaceTopics().organization],
    ["bulk.progress", "contacts.bulkChanged"],
    (event) => "operationId" in event && event.operationId === operation.id,
  );
  // A slow poll as well, in case a live event is missed while the job runs.
  useEffect(() => {
    if (finished) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 5_000);
    return () => clearInterval(timer);
  }, [finished, revalidator]);

  const total = Math.max(operation.total, operation.processed);
  const percent = total === 0 ? (finished ? 100 : 0) : Math.min(100, Math.round((operation.processed / total) * 100));
  const backSearch =
    operation.selection?.kind === "filter" ? contactFilterToParams(operation.selection.filter).toString() : "";
  const backHref = backSearch ? `/contacts?${backSearch}` : "/contacts";

  return (
    <div className="max-w-2xl">
      {/* Without JavaScript the page reloads itself until the action is done. */}
      {finished ? null : (
        <noscript>
          <meta httpEquiv="refresh" content={String(REFRESH_SECONDS)} />
        </noscript>
      )}
      <PageHeader
        title={operation.title}
        description={
          operation.selection?.kind === "filter"
            ? "On every contact matching a filter (as it matches while the action runs)."
            : operation.selection?.kind === "ids"
              ? `On ${contactsLabel(operation.selection.count)} selected by hand.`
              : undefined
        }
      />
      <Card>
        <div className="space-y-4">
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <span
              className={`rounded-full px-2 py-0.5 text-xs font-semibold ${
                operation.status === "COMPLETED"
                  ? "bg-emerald-100 text-emerald-900 dark:bg-emerald-900/50 dark:text-emerald-100"
                  : operation.status === "FAILED"
                    ? "bg-red-100 text-red-900 dark:bg-red-900/50 dark:text-red-100"
                    : "bg-amber-100 text-amber-900 dark:bg-amber-900/50 dark:text-amber-100"
              }`}
            >
              {STATUS_LABELS[operation.status]}
            </span>
            {operation.createdByName ? <span className="text-slate-500">Started by {operation.createdByName}</span> : null}
            <span className="text-slate-500">· {formatDateTime(operation.createdAt, timeZone)}</span>
          </p>
          <div>
            <label htmlFor="bulk-progress" className="text-sm font-medium">
              {formatCount(operation.processed)} of {formatCount(total)} processed
            </label>
            <progress id="bulk-progress" max={100} value={percent} className="mt-1 h-3 w-full accent-brand-600">
              {percent}%
            </progress>
            <p className="mt-1 text-xs text-slate-500">
              {formatCount(operation.changed)} changed{finished ? "" : " so far"}
            </p>
          </div>
          {operation.message ? (
            <p role="status" className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm dark:border-emerald-800 dark:bg-emerald-950">
              {operation.message}
            </p>
          ) : null}
          {operation.status === "FAILED" ? (
            <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm dark:border-red-800 dark:bg-red-950">
              {operation.error ?? "The action failed."} {contactsLabel(operation.changed)} changed before it stopped.
            </p>
          ) : operation.error ? (
            <p className="text-sm text-amber-700 dark:text-amber-300">{operation.error}</p>
          ) : null}
          <div className="flex flex-wrap gap-2">
            {finished ? null : (
              <a href={`/bulk/${operation.id}`} className={buttonClass("secondary")}>
                Refresh
              </a>
            )}
            <Link to={backHref} className={buttonClass(finished ? "primary" : "secondary")}>
              Back to contacts
            </Link>
          </div>
        </div>
      </Card>
    </div>
  );
}
