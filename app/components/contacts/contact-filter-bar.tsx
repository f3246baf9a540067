// The filter bar shared by the contacts list and the board: a plain GET form,
// so the whole view lands in the URL (bookmark it, share it) and it works
// without JavaScript. Multi-choice filters are checkbox lists inside <details>.
import { Form, Link, useSearchParams, useSubmit } from "@remix-run/react";
import type { ReactNode } from "react";
import { buttonClass } from "~/components/ui/button";
import {
  CONTACT_SORTS,
  CONTACT_SOURCES,
  CONTACT_STAGES,
  PAGE_SIZES,
  TEMPERATURES,
} from "~/domain/contact/contact-filter.schema";
import { SOURCE_LABELS, STAGE_LABELS, TEMPERATURE_LABELS } from "~/domain/contact/contact-labels";

export type FilterOptions = {
  tags: Array<{ id: string; name: string; color: string }>;
  members: Array<{ id: string; name: string; role?: string }>;
  companies: Array<{ id: string; name: string }>;
  customFields: Array<{ key: string; label: string; type: string; options: string[] }>;
};

const SORT_LABELS: Record<(typeof CONTACT_SORTS)[number], string> = {
  lastActivityAt: "Last activity",
  score: "Score",
  createdAt: "Date added",
  name: "Name",
};

const CONTROL =
  "block w-full min-w-0 rounded-md border border-slate-300 bg-white px-2 py-2 text-sm text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100";
const LABEL = "mb-1 block text-xs font-medium text-slate-600 dark:text-slate-300";

function CheckboxGroup(props: {
  legend: string;
  name: string;
  choices: ReadonlyArray<{ value: string; label: string }>;
  selected: string[];
}) {
  const count = props.selected.length;
  return (
    <details className="group relative min-w-0 max-w-full">
      <summary
        className={`flex min-h-10 cursor-pointer list-none items-center gap-2 rounded-md border px-3 py-2 text-sm ${
          count ? "border-brand-600 bg-brand-50 text-brand-700 dark:bg-brand-900/40 dark:text-brand-100" : "border-slate-300 dark:border-slate-700"
        }`}
      >
        {props.legend}
        {count ? <span className="rounded-full bg-brand-600 px-1.5 text-xs text-white">{count}</span> : null}
        <span aria-hidden className="text-xs text-slate-500 group-open:rotate-180">▾</span>
      </summary>
      {/* min-w-0: a fieldset is otherwise at least as wide as its longest choice (a 60-character tag). */}
      <fieldset className="z-20 mt-1 max-h-72 w-full min-w-0 overflow-y-auto rounded-md border border-slate-200 bg-white p-2 shadow-lg dark:border-slate-700 dark:bg-slate-900 sm:absolute sm:w-56">
        <legend className="sr-only">{props.legend}</legend>
        {props.choices.length === 0 ? <p className="p-1 text-sm text-slate-500">None yet.</p> : null}
        {props.choices.map((choice) => (
          <label key={choice.value} className="flex items-center gap-2 rounded px-1 py-1 text-sm hover:bg-slate-50 dark:hover:bg-slate-800">
            <input type="checkbox" name={props.name} value={choice.value} defaultChecked={props.selected.includes(choice.value)} />
            <span className="min-w-0 [overflow-wrap:anywhere]">{choice.label}</span>
          </label>
        ))}
        {/* The open list can cover the bar's own button, so it carries one too. */}
        <button type="submit" className="mt-1 w-full rounded bg-brand-600 px-2 py-1 text-xs font-medium text-white hover:bg-brand-700">
          Apply<span className="sr-only"> {props.legend.toLowerCase()} filter</span>
        </button>
      </fieldset>
    </details>
  );
}

function Field({ label, htmlFor, children }: { label: string; htmlFor: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <label htmlFor={htmlFor} className={LABEL}>
        {label}
      </label>
      {children}
    </div>
  );
}

/**
 * `action` is the page the form shows (/contacts or /board); `keep` names
 * parameters carried over unchanged (the list's sort and direction).
 */
/** What the search box matches (it is a prefix search, answered from indexes). */
export const SEARCH_HINT =
  "Finds the start of any word of a name or email (a surname too), an email typed with its @, the last digits of a phone, or a whole number in any format.";

export function ContactFilterBar({
  action,
  options,
  keep = [],
  showPerPage = false,
  showSort = false,
}: {
  action: string;
  options: FilterOptions;
  keep?: string[];
  showPerPage?: boolean;
  /** Sort and direction as fields (the list; on a phone there are no column headers to click). */
  showSort?: boolean;
}) {
  const [params] = useSearchParams();
  const submit = useSubmit();
  const get = (name: string) => params.get(name) ?? "";
  const all = (name: string) => params.getAll(name);
  const moreActive =
    ["company", "scoreMin", "scoreMax", "activeFrom", "activeTo"].some((name) => get(name) !== "") ||
    [...params.keys()].some((name) => name.startsWith("cf."));
  const filtered = [...params.keys()].some((name) => !["sort", "dir", "page", "perPage", "index"].includes(name) && !name.startsWith("page."));
  const clearHref = (() => {
    const next = new URLSearchParams();
    for (const name of showSort ? [...keep, "sort", "dir", "perPage"] : keep) {
      if (params.get(name)) next.set(name, params.get(name)!);
    }
    const search = next.toString();
    return search ? `${action}?${search}` : action;
  })();

  return (
    <Form
      method="get"
      action={action}
      key={params.toString()}
      role="search"
      aria-label="Filter contacts"
      className="mb-4 space-y-3 rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900"
      onSubmit={(event) => {
        // With JavaScript, leave empty fields out of the URL (without it they are simply ignored).
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        const search = new URLSearchParams();
        for (const [name, value] of data) if (typeof value === "string" && value !== "") search.append(name, value);
        submit(search, { method: "get", action });
      }}
    >
      {keep.map((name) => (params.get(name) ? <input key={name} type="hidden" name={name} value={params.get(name)!} /> : null))}
      <div className="space-y-1">
        <div className="flex gap-2">
          <label htmlFor={`${action}-q`} className="sr-only">
            Search
          </label>
          <input
            id={`${action}-q`}
            type="search"
            name="q"
            defaultValue={get("q")}
            maxLength={100}
            placeholder="Search name, phone or email"
            aria-describedby={`${action}-q-hint`}
            className={`${CONTROL} min-w-0 flex-1`}
          />
          <button type="submit" className={buttonClass("primary", "shrink-0")}>
            Search
          </button>
        </div>
        <p id={`${action}-q-hint`} className="text-xs text-slate-500 dark:text-slate-400">
          {SEARCH_HINT}
        </p>
      </div>
      <div className="flex flex-wrap items-start gap-2">
        <CheckboxGroup
          legend="Stage"
          name="stage"
          choices={CONTACT_STAGES.map((stage) => ({ value: stage, label: STAGE_LABELS[stage] }))}
          selected={all("stage")}
        />
        <CheckboxGroup
          legend="Temperature"
          name="temperature"
          choices={TEMPERATURES.map((temperature) => ({ value: temperature, label: TEMPERATURE_LABELS[temperature] }))}
          selected={all("temperature")}
        />
        <CheckboxGroup
          legend="Source"
          name="source"
          choices={CONTACT_SOURCES.map((source) => ({ value: source, label: SOURCE_LABELS[source] }))}
          selected={all("source")}
        />
        <CheckboxGroup
          legend="Tags"
          name="tag"
          choices={options.tags.map((tag) => ({ value: tag.id, label: tag.name }))}
          selected={all("tag")}
        />
        <div className="min-w-0">
          <label htmlFor={`${action}-owner`} className="sr-only">
            Owner
          </label>
          <select id={`${action}-owner`} name="owner" defaultValue={get("owner")} className={`${CONTROL} min-h-10`}>
            <option value="">Any owner</option>
            <option value="me">Mine</option>
            <option value="none">Unassigned</option>
            {options.members.map((member) => (
              <option key={member.id} value={member.id}>
                {member.name}
              </option>
            ))}
          </select>
        </div>
        {showSort ? (
          <div className="flex min-w-0 items-center gap-2">
            <label htmlFor={`${action}-sort`} className="whitespace-nowrap text-sm text-slate-600 dark:text-slate-300">
              Sort by
            </label>
            <select id={`${action}-sort`} name="sort" defaultValue={get("sort") || "lastActivityAt"} className={`${CONTROL} min-h-10 w-auto`}>
              {CONTACT_SORTS.map((sort) => (
                <option key={sort} value={sort}>
                  {SORT_LABELS[sort]}
                </option>
              ))}
            </select>
            <label htmlFor={`${action}-dir`} className="sr-only">
              Order
            </label>
            <select id={`${action}-dir`} name="dir" defaultValue={get("dir") || "desc"} className={`${CONTROL} min-h-10 w-auto`}>
              <option value="desc">Descending</option>
              <option value="asc">Ascending</option>
            </select>
          </div>
        ) : null}
      </div>
      <details open={moreActive || undefined} className="group">
        <summary className="cursor-pointer text-sm font-medium text-slate-700 dark:text-slate-200">More filters</summary>
        <div className="mt-2 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
          {options.companies.length ? (
            <Field label="Company" htmlFor={`${action}-company`}>
              <select id={`${action}-company`} name="company" defaultValue={get("company")} className={CONTROL}>
                <option value="">Any company</option>
                {options.companies.map((company) => (
                  <option key={company.id} value={company.id}>
                    {company.name}
                  </option>
                ))}
              </select>
            </Field>
          ) : null}
          <Field label="Score from" htmlFor={`${action}-scoreMin`}>
            <input id={`${action}-scoreMin`} type="number" name="scoreMin" min={0} max={100} defaultValue={get("scoreMin")} className={CONTROL} />
          </Field>
          <Field label="Score to" htmlFor={`${action}-scoreMax`}>
            <input id={`${action}-scoreMax`} type="number" name="scoreMax" min={0} max={100} defaultValue={get("scoreMax")} className={CONTROL} />
          </Field>
          <Field label="Active from" htmlFor={`${action}-activeFrom`}>
            <input id={`${action}-activeFrom`} type="date" name="activeFrom" defaultValue={get("activeFrom")} className={CONTROL} />
          </Field>
          <Field label="Active to" htmlFor={`${action}-activeTo`}>
            <input id={`${action}-activeTo`} type="date" name="activeTo" defaultValue={get("activeTo")} className={CONTROL} />
          </Field>
          {options.customFields.map((field) => (
            <Field key={field.key} label={field.label} htmlFor={`${action}-cf-${field.key}`}>
              {field.type === "SELECT" ? (
                <select id={`${action}-cf-${field.key}`} name={`cf.${field.key}`} defaultValue={get(`cf.${field.key}`)} className={CONTROL}>
                  <option value="">Any</option>
                  {field.options.map((option) => (
                    <option key={option} value={option}>
                      {option}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  id={`${action}-cf-${field.key}`}
                  type={field.type === "DATE" ? "date" : "text"}
                  inputMode={field.type === "NUMBER" ? "decimal" : undefined}
                  name={`cf.${field.key}`}
                  defaultValue={get(`cf.${field.key}`)}
                  className={CONTROL}
                />
              )}
            </Field>
          ))}
          {showPerPage ? (
            <Field label="Per page" htmlFor={`${action}-perPage`}>
              <select id={`${action}-perPage`} name="perPage" defaultValue={get("perPage") || "50"} className={CONTROL}>
                {PAGE_SIZES.map((size) => (
                  <option key={size} value={size}>
                    {size}
                  </option>
                ))}
              </select>
            </Field>
          ) : null}
        </div>
      </details>
      <div className="flex flex-wrap items-center gap-2">
        <button type="submit" className={buttonClass("secondary")}>
          Apply filters
        </button>
        {filtered ? (
          <Link to={clearHref} className="text-sm font-medium text-brand-700 hover:underline dark:text-brand-100">
            Clear filters
          </Link>
        ) : null}
      </div>
    </Form>
  );
}
