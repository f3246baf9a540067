// The deals as a table (/deals?view=list): the same data as the board, easier
// to scan and sort, and readable on any screen (the table scrolls inside its box).
import { Link } from "@remix-run/react";
import { buttonClass } from "~/components/ui/button";
import { StageBadge } from "~/components/deals/stage-badge";
import type { DealCard } from "~/trpc/routers/deal/deal-output";
import { formatDealValue } from "~/domain/deal/deal-value";
import { formatCalendarDate } from "~/utils/format";

type DealRow = DealCard & { stage: { id: string; name: string; kind: string } };

function pageHref(params: URLSearchParams, page: number) {
  const next = new URLSearchParams(params);
  next.set("view", "list");
  next.set("page", String(page));
  return `?${next.toString()}`;
}

export function DealTable({
  list,
  params,
}: {
  list: { total: number; page: number; pageCount: number; deals: DealRow[] };
  params: URLSearchParams;
}) {
  if (list.deals.length === 0) {
    return <p className="text-sm text-slate-600 dark:text-slate-300">No deals here yet.</p>;
  }
  return (
    <div className="space-y-4">
      <div className="relative max-w-full overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800" role="region" aria-label="Deals table" tabIndex={0}>
        <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
          <caption className="sr-only">
            {list.total} deals, page {list.page} of {list.pageCount}
          </caption>
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-900">
            <tr>
              <th scope="col" className="px-3 py-2">Deal</th>
              <th scope="col" className="px-3 py-2">Stage</th>
              <th scope="col" className="px-3 py-2 text-right">Value</th>
              <th scope="col" className="px-3 py-2 text-right">Probability</th>
              <th scope="col" className="px-3 py-2">Contact</th>
              <th scope="col" className="px-3 py-2">Company</th>
              <th scope="col" className="px-3 py-2">Owner</th>
              <th scope="col" className="px-3 py-2">Expected close</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200 bg-white dark:divide-slate-800 dark:bg-slate-950">
            {list.deals.map((deal) => (
              <tr key={deal.id}>
                <td className="px-3 py-2">
                  <Link to={`/deals/${deal.id}`} className="font-medium text-brand-700 hover:underline dark:text-brand-100">
                    {deal.title}
                  </Link>
                </td>
                <td className="whitespace-nowrap px-3 py-2">
                  <StageBadge kind={deal.stage.kind} name={deal.stage.name} />
                </td>
                <td className="whitespace-nowrap px-3 py-2 text-right font-medium">{formatDealValue(deal.valuePaise)}</td>
                <td className="whitespace-nowrap px-3 py-2 text-right">{deal.probability}%</td>
                <td className="px-3 py-2">
                  {deal.contact ? (
                    <Link to={`/contacts/${deal.contact.id}`} className="hover:underline">
                      {deal.contact.name}
                    </Link>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="px-3 py-2">
                  {deal.company ? (
                    <Link to={`/companies/${deal.company.id}`} className="hover:underline">
                      {deal.company.name}
                    </Link>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="px-3 py-2">{deal.owner?.name ?? "Unassigned"}</td>
                <td className="whitespace-nowrap px-3 py-2">{deal.expectedCloseDate ? formatCalendarDate(deal.expectedCloseDate) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list.pageCount > 1 ? (
        <nav aria-label="Pages" className="flex items-center justify-between text-sm">
          {list.page > 1 ? (
            <Link to={pageHref(params, list.page - 1)} className={buttonClass("secondary")}>
              Previous
            </Link>
          ) : (
            <span />
          )}
          <span>
            Page {list.page} of {list.pageCount}
          </span>
          {list.page < list.pageCount ? (
            <Link to={pageHref(params, list.page + 1)} className={buttonClass("secondary")}>
              Next
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </div>
  );
}
