// Page links for the contacts list: previous/next and a window of page
// numbers, each a plain link that keeps the rest of the view.
import { Link, useSearchParams } from "@remix-run/react";
import { countOrEstimate, formatCount } from "~/domain/contact/contact-labels";
import { viewHref } from "~/domain/contact/list-view";

/** 1 … 4 5 [6] 7 8 … 40 */
export function pageWindow(page: number, pageCount: number, radius = 2): Array<number | "gap"> {
  const pages = new Set<number>([1, pageCount]);
  for (let p = page - radius; p <= page + radius; p += 1) if (p >= 1 && p <= pageCount) pages.add(p);
  const sorted = [...pages].sort((a, b) => a - b);
  const out: Array<number | "gap"> = [];
  for (const [index, p] of sorted.entries()) {
    if (index > 0 && p - sorted[index - 1]! > 1) out.push("gap");
    out.push(p);
  }
  return out;
}

const LINK =
  "inline-flex min-h-9 min-w-9 items-center justify-center rounded-md border border-slate-300 px-2 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800";

export function ContactPagination(props: {
  page: number;
  pageCount: number;
  from: number;
  to: number;
  hasNext: boolean;
  total: number;
  /** false when `total` is an estimate. */
  totalIsExact: boolean;
}) {
  const [params] = useSearchParams();
  const href = (page: number) => viewHref("/contacts", params, { page: page === 1 ? null : String(page) });
  const { page, pageCount } = props;
  return (
    <nav aria-label="Pages" className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm">
      <p className="text-slate-600 dark:text-slate-300">
        {props.total === 0
          ? "No contacts"
          : props.from === 0
            ? `Page ${page} is past the end`
            : `${formatCount(props.from)}–${formatCount(props.to)} of ${countOrEstimate(props.total, props.totalIsExact)}`}
      </p>
      {pageCount > 1 ? (
        <ul className="flex flex-wrap items-center gap-1">
          <li>
            {page > 1 ? (
              <Link to={href(Math.min(page - 1, pageCount))} className={LINK} rel="prev">
                Previous
              </Link>
            ) : (
              <span className={`${LINK} cursor-not-allowed opacity-40`} aria-disabled="true">
                Previous
              </span>
            )}
          </li>
          {pageWindow(Math.min(page, pageCount), pageCount).map((item, index) =>
            item === "gap" ? (
              <li key={`gap-${index}`} aria-hidden className="hidden px-1 text-slate-400 sm:block">
                …
              </li>
            ) : (
              <li key={item} className="hidden sm:block">
                {item === page ? (
                  <span aria-current="page" className={`${LINK} border-brand-600 bg-brand-600 font-semibold text-white hover:bg-brand-600`}>
                    {item}
                  </span>
                ) : (
                  <Link to={href(item)} className={LINK} aria-label={`Page ${item}`}>
                    {item}
                  </Link>
                )}
              </li>
            ),
          )}
          <li className="px-1 sm:hidden">
            Page {Math.min(page, pageCount)} of {pageCount}
          </li>
          <li>
            {props.hasNext ? (
              <Link to={href(page + 1)} className={LINK} rel="next">
                Next
              </Link>
            ) : (
              <span className={`${LINK} cursor-not-allowed opacity-40`} aria-disabled="true">
                Next
              </span>
            )}
          </li>
        </ul>
      ) : null}
    </nav>
  );
}
