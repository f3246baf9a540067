import { Link } from "@remix-run/react";
import type { ContactTimelinePage } from "~/components/contact/contact-types";
import { describeEvent } from "~/components/contact/timeline-text";
import { CollapsibleText } from "~/components/contact/collapsible-text";
import { formatDateTime } from "~/utils/format";
import { useTimeZone } from "~/components/use-app-data";

const DOT: Record<string, string> = {
  NOTE_ADDED: "bg-amber-500",
  STAGE_CHANGED: "bg-brand-600",
  TAG_ADDED: "bg-violet-500",
  TAG_REMOVED: "bg-violet-300",
  FOLLOW_UP_SCHEDULED: "bg-sky-500",
  FOLLOW_UP_DONE: "bg-emerald-500",
  FOLLOW_UP_CANCELLED: "bg-slate-400",
  CONSENT_CHANGED: "bg-red-500",
  MERGED: "bg-slate-900 dark:bg-slate-100",
  DEAL_CREATED: "bg-teal-500",
  DEAL_STAGE_CHANGED: "bg-teal-500",
  DEAL_WON: "bg-emerald-600",
  DEAL_LOST: "bg-slate-500",
  DEAL_DELETED: "bg-red-400",
};

/**
 * Everything that happened, newest first. Every string is rendered as text:
 * notes and message bodies are hostile input.
 */
export function ContactTimeline({
  page,
  olderHref,
  newestHref,
  label = "Timeline",
  emptyText = "Nothing has happened yet.",
  showLinks = true,
}: {
  page: Pick<ContactTimelinePage, "items">;
  olderHref: string | null;
  newestHref: string | null;
  label?: string;
  emptyText?: string;
  /** Links to what an event is about (a deal); off where the page is that thing. */
  showLinks?: boolean;
}) {
  const timeZone = useTimeZone();
  return (
    <div>
      {page.items.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-300">{emptyText}</p>
      ) : (
        <ol aria-label={label} className="space-y-4">
          {page.items.map((event) => {
            const description = describeEvent(event, timeZone);
            return (
              <li key={event.id} className="relative border-l-2 border-slate-200 pl-4 dark:border-slate-800" data-event-type={event.type}>
                <span
                  aria-hidden
                  className={`absolute -left-[5px] top-1.5 h-2 w-2 rounded-full ${DOT[event.type] ?? "bg-slate-400"}`}
                />
                <p className="break-words text-sm font-medium">{description.title}</p>
                <p className="text-xs text-slate-500">
                  <time dateTime={String(event.createdAt)}>{formatDateTime(event.createdAt, timeZone)}</time>
                </p>
                {description.details.length ? (
                  <ul className="mt-1 space-y-0.5 text-sm text-slate-600 dark:text-slate-300">
                    {description.details.map((line, index) => (
                      <li key={index} className="break-words">
                        <CollapsibleText text={line} />
                      </li>
                    ))}
                  </ul>
                ) : null}
                {showLinks && description.link ? (
                  <p className="mt-1 text-sm">
                    <Link to={description.link.href} className="font-medium text-brand-700 underline dark:text-brand-100">
                      {description.link.label}
                    </Link>
                  </p>
                ) : null}
                {description.body ? (
                  <CollapsibleText
                    text={description.body}
                    className="mt-1 rounded-md bg-slate-50 p-2 text-sm dark:bg-slate-950"
                  />
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
      <div className="mt-4 flex flex-wrap gap-3 text-sm">
        {newestHref ? (
          <Link to={newestHref} className="font-medium underline" preventScrollReset>
            Show newest
          </Link>
        ) : null}
        {olderHref ? (
          <Link to={olderHref} className="font-medium underline" preventScrollReset>
            Show older
          </Link>
        ) : null}
      </div>
    </div>
  );
}
