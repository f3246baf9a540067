import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { isRouteErrorResponse, Link, useLoaderData, useRouteError } from "@remix-run/react";
import { PageHeader } from "~/components/page-header";
import { ErrorView } from "~/components/error-view";
import { KeysetPager } from "~/components/ui/keyset-pager";
import { buttonClass } from "~/components/ui/button";
import { useLiveRefresh, useWorkspaceTopics } from "~/components/live/live-events";
import { useAppData, useTimeZone } from "~/components/use-app-data";
import { PaymentFilterForm } from "~/components/payments/payment-filter-form";
import { PaymentListTable, type PaymentRow } from "~/components/payments/payment-list-table";
import { PaymentTotals } from "~/components/payments/payment-totals";
import { getCaller, loaderCall } from "~/trpc/caller.server";
import { isFiltered, paymentListSchema, paymentParamsToInput, paymentSearchParams, paymentsHref } from "~/domain/payment/payment-filter";
import { describeIssues } from "~/domain/contact/list-view";

export const meta: MetaFunction = () => [{ title: "Payments · Leadlane" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  // A filter or page link that is not valid gets a sentence naming what is wrong (the error boundary shows it).
  const raw = paymentParamsToInput(url.searchParams);
  const parsed = paymentListSchema.safeParse(raw);
  if (!parsed.success) throw json({ message: `This filter has a problem: ${describeIssues(parsed.error)}.` }, { status: 400 });
  const input = parsed.data;
  const { caller } = await getCaller(request);
  const [list, totals, options] = await Promise.all([
    loaderCall(request, () => caller.payment.list(raw)),
    loaderCall(request, () => caller.payment.totals({ filter: raw.filter })),
    loaderCall(request, () => caller.payment.filterOptions()),
  ]);
  return json({ list, totals, options, filter: input.filter, paged: Boolean(input.after || input.before) });
}

export default function PaymentsPage() {
  const { list, totals, options, filter, paged } = useLoaderData<typeof loader>();
  const timeZone = useTimeZone();
  const { organization } = useAppData();
  // A payment paid, refunded or matched anywhere in the organization changes this list and its totals.
  useLiveRefresh([useWorkspaceTopics().organization], ["payment.changed"]);
  const filtered = isFiltered(filter);
  const exportSearch = paymentSearchParams(filter).toString();
  const rows = list.items as unknown as PaymentRow[];
  return (
    <div className="min-w-0 space-y-4">
      <PageHeader
        title="Payments"
        description={list.contact ? `Payments of ${list.contact.name}, newest paid first.` : `Every payment${organization ? ` of ${organization.name}` : ""}, newest paid first.`}
        actions={
          <a href={`/payments/export${exportSearch ? `?${exportSearch}` : ""}`} className={buttonClass("secondary")}>
            Export CSV
          </a>
        }
      />
      <PaymentFilterForm filter={filter} options={options} contact={list.contact} agent={list.agent} timeZone={timeZone} />
      <PaymentTotals totals={totals} filtered={filtered} />
      {rows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center dark:border-slate-700 dark:bg-slate-900">
          {paged ? (
            <p className="text-sm text-slate-600 dark:text-slate-300">No more payments this way.</p>
          ) : filtered ? (
            <>
              <h2 className="text-base font-semibold">No payments match this filter.</h2>
              <Link to="/payments" className={`${buttonClass("secondary")} mt-4`}>
                Clear filters
              </Link>
            </>
          ) : (
            <>
              <h2 className="text-base font-semibold">No payments yet.</h2>
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">Payments appear here as customers pay the links and orders you send them.</p>
            </>
          )}
        </div>
      ) : (
        <PaymentListTable rows={rows} />
      )}
      <KeysetPager
        newestHref={list.atNewest ? null : paymentsHref(filter)}
        newerHref={list.newerCursor ? paymentsHref(filter, { before: list.newerCursor }) : null}
        olderHref={list.olderCursor ? paymentsHref(filter, { after: list.olderCursor }) : null}
      />
    </div>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && (error.status === 400 || error.status === 404)) {
    const message = (error.data as { message?: string } | null)?.message ?? "This filter has a problem.";
    return (
      <div role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-6 dark:border-amber-800 dark:bg-amber-950">
        <p className="text-sm font-medium text-amber-800 dark:text-amber-200">Error {error.status}</p>
        <h1 className="mt-1 text-xl font-semibold">{"We couldn't show these payments"}</h1>
        <p className="mt-2 text-slate-700 dark:text-slate-200">{message}</p>
        <Link to="/payments" className={`${buttonClass("primary")} mt-4`}>
          Show all payments
        </Link>
      </div>
    );
  }
  return <ErrorView />;
}
