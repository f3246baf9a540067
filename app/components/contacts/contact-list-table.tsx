// The contacts table: sortable headers (links), a checkbox per row for bulk
// actions, and on a phone each row becomes a stacked card (no sideways scroll).
import { Link, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { ScoreBadge, StageBadge, TagChip, TemperatureBadge } from "~/components/contacts/contact-badges";
import type { ContactStage, Temperature } from "~/domain/contact/contact-filter.schema";
import { SOURCE_LABELS } from "~/domain/contact/contact-labels";
import { viewHref } from "~/domain/contact/list-view";
import { formatDateTime } from "~/utils/format";
import { formatPhone } from "~/utils/phone";
import { useTimeZone } from "~/components/use-app-data";

export type ContactRow = {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  stage: ContactStage;
  temperature: Temperature;
  score: number;
  source: keyof typeof SOURCE_LABELS;
  ownerName: string | null;
  lastActivityAt: string;
  tags: Array<{ id: string; name: string; color: string; source: "MANUAL" | "AI"; confidence: number | null }>;
};

type SortKey = "score" | "createdAt" | "lastActivityAt" | "name";

const DEFAULT_DIR: Record<SortKey, "asc" | "desc"> = { name: "asc", score: "desc", createdAt: "desc", lastActivityAt: "desc" };

function SortHeader(props: { label: string; sortKey: SortKey; sort: SortKey; dir: "asc" | "desc"; className?: string }) {
  const [params] = useSearchParams();
  const active = props.sort === props.sortKey;
  const nextDir = active ? (props.dir === "asc" ? "desc" : "asc") : DEFAULT_DIR[props.sortKey];
  return (
    <th
      scope="col"
      aria-sort={active ? (props.dir === "asc" ? "ascending" : "descending") : "none"}
      className={`px-3 py-2 text-left font-medium ${props.className ?? ""}`}
    >
      <Link
        to={viewHref("/contacts", params, { sort: props.sortKey, dir: nextDir })}
        className="inline-flex items-center gap-1 hover:text-brand-700 dark:hover:text-brand-100"
        aria-label={`Sort by ${props.label.toLowerCase()}, ${nextDir === "asc" ? "ascending" : "descending"}`}
      >
        {props.label}
        <span aria-hidden className={active ? "" : "text-slate-300 dark:text-slate-600"}>
          {active ? (props.dir === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </Link>
    </th>
  );
}

/** One cell: on a phone a labelled line of the card, from md up a table cell. */
function Cell({ label, children, className = "" }: { label: string; children: ReactNode; className?: string }) {
  return (
    <td className={`flex min-w-0 items-baseline justify-between gap-3 px-0 py-0.5 md:table-cell md:px-3 md:py-2 ${className}`}>
      <span className="shrink-0 text-xs text-slate-500 md:hidden">{label}</span>
      <span className="min-w-0 text-right md:text-left">{children}</span>
    </td>
  );
}

export function ContactListTable(props: {
  rows: ContactRow[];
  sort: SortKey;
  dir: "asc" | "desc";
  selectable: boolean;
  selected: ReadonlySet<string>;
  onToggle: (id: string, checked: boolean) => void;
  onTogglePage: (checked: boolean) => void;
  hydrated: boolean;
}) {
  const timeZone = useTimeZone();
  const { rows, sort, dir, selectable, selected } = props;
  const allOnPage = rows.length > 0 && rows.every((row) => selected.has(row.id));
  return (
    <div className="relative md:overflow-x-auto md:rounded-lg md:border md:border-slate-200 md:bg-white md:dark:border-slate-800 md:dark:bg-slate-900">
      <table className="block w-full text-sm md:table" aria-label="Contacts">
        <thead className="hidden border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:border-slate-800 dark:bg-slate-950 md:table-header-group">
          <tr>
            {selectable ? (
              <th scope="col" className="w-10 px-3 py-2">
                {props.hydrated ? (
                  <input
                    type="checkbox"
                    aria-label="Select all on this page"
                    checked={allOnPage}
                    onChange={(event) => props.onTogglePage(event.currentTarget.checked)}
                  />
                ) : (
                  <span className="sr-only">Select</span>
                )}
              </th>
            ) : null}
            <SortHeader label="Name" sortKey="name" sort={sort} dir={dir} />
            <th scope="col" className="px-3 py-2 text-left font-medium">
              Phone
            </th>
            <th scope="col" className="px-3 py-2 text-left font-medium">
              Stage
            </th>
            <th scope="col" className="px-3 py-2 text-left font-medium">
              Temperature
            </th>
            <SortHeader label="Score" sortKey="score" sort={sort} dir={dir} />
            <th scope="col" className="px-3 py-2 text-left font-medium">
              Owner
            </th>
            <th scope="col" className="hidden px-3 py-2 text-left font-medium xl:table-cell">
              Tags
            </th>
            <SortHeader label="Last activity" sortKey="lastActivityAt" sort={sort} dir={dir} className="hidden 2xl:table-cell" />
            <th scope="col" className="hidden px-3 py-2 text-left font-medium 2xl:table-cell">
              Source
            </th>
          </tr>
        </thead>
        <tbody className="block space-y-3 md:table-row-group md:space-y-0 md:divide-y md:divide-slate-200 md:dark:divide-slate-800">
          {rows.map((row) => (
            <tr
              key={row.id}
              className={`relative block rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900 md:table-row md:rounded-none md:border-0 md:bg-transparent md:p-0 md:dark:bg-transparent ${
                selected.has(row.id) ? "ring-2 ring-brand-500 md:ring-0 md:bg-brand-50/60 md:dark:bg-brand-900/20" : ""
              } ${selectable ? "pl-11" : ""}`}
            >
              {selectable ? (
                <td className="absolute left-3 top-3.5 md:static md:table-cell md:w-10 md:px-3 md:py-2">
                  <input
                    type="checkbox"
                    name="ids"
                    value={row.id}
                    aria-label={`Select ${row.name}`}
                    checked={selected.has(row.id)}
                    onChange={(event) => props.onToggle(row.id, event.currentTarget.checked)}
                    className="h-4 w-4"
                  />
                </td>
              ) : null}
              <td className="block min-w-0 pb-1 md:table-cell md:min-w-[11rem] md:px-3 md:py-2">
                <Link to={`/contacts/${row.id}`} className="block truncate font-medium text-slate-900 hover:text-brand-700 hover:underline dark:text-slate-100 dark:hover:text-brand-100">
                  {row.name}
                </Link>
                {row.email ? <span className="block break-all text-xs text-slate-500">{row.email}</span> : null}
              </td>
              <Cell label="Phone" className="whitespace-nowrap">
                {row.phone ? formatPhone(row.phone) : "—"}
              </Cell>
              <Cell label="Stage">
                <StageBadge stage={row.stage} />
              </Cell>
              <Cell label="Temperature">
                <TemperatureBadge temperature={row.temperature} />
              </Cell>
              <Cell label="Score">
                <ScoreBadge score={row.score} />
              </Cell>
              <Cell label="Owner" className="md:whitespace-nowrap">
                {row.ownerName ?? <span className="text-slate-400">Unassigned</span>}
              </Cell>
              <Cell label="Tags" className="md:hidden xl:table-cell">
                {row.tags.length ? (
                  <span className="inline-flex flex-wrap justify-end gap-1 md:justify-start">
                    {row.tags.map((tag) => (
                      <TagChip key={tag.id} tag={tag} />
                    ))}
                  </span>
                ) : (
                  <span className="text-slate-400">—</span>
                )}
              </Cell>
              <Cell label="Last activity" className="whitespace-nowrap md:hidden 2xl:table-cell">
                {formatDateTime(row.lastActivityAt, timeZone)}
              </Cell>
              <Cell label="Source" className="md:hidden 2xl:table-cell">
                {SOURCE_LABELS[row.source]}
              </Cell>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
