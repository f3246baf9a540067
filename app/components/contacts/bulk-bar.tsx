// The bulk bar above the contacts table: what to apply to (the checked rows,
// or everything matching the filter, across pages) and one action. A plain
// POST form without JavaScript; with it, a banner offers "select all N
// matching" once a whole page is checked.
import { Form } from "@remix-run/react";
import { useEffect, useState } from "react";
import { Button } from "~/components/ui/button";
import { CONTACT_STAGES, TEMPERATURES } from "~/domain/contact/contact-filter.schema";
import { STAGE_LABELS, TEMPERATURE_LABELS, contactsLabel, countOrEstimate, formatCount } from "~/domain/contact/contact-labels";
import { bulkOp } from "~/domain/bulk/bulk-form.schema";
import type { FilterOptions } from "~/components/contacts/contact-filter-bar";

export type BulkScope = "ids" | "filter";

export function BulkActionSelect({ options, canDelete }: { options: FilterOptions; canDelete: boolean }) {
  return (
    <select
      name="op"
      aria-label="Bulk action"
      defaultValue=""
      className="min-h-10 w-full min-w-0 rounded-md border border-slate-300 bg-white px-2 py-2 text-sm dark:border-slate-700 dark:bg-slate-900 sm:w-auto"
    >
      <option value="">Choose an action…</option>
      <optgroup label="Move to stage">
        {CONTACT_STAGES.map((stage) => (
          <option key={stage} value={bulkOp.stage(stage)}>
            {STAGE_LABELS[stage]}
          </option>
        ))}
      </optgroup>
      <optgroup label="Set temperature">
        {TEMPERATURES.map((temperature) => (
          <option key={temperature} value={bulkOp.temperature(temperature)}>
            {TEMPERATURE_LABELS[temperature]}
          </option>
        ))}
      </optgroup>
      {options.tags.length ? (
        <optgroup label="Add tag">
          {options.tags.map((tag) => (
            <option key={tag.id} value={bulkOp.addTag(tag.id)}>
              {`Add tag: ${tag.name}`}
            </option>
          ))}
        </optgroup>
      ) : null}
      {options.tags.length ? (
        <optgroup label="Remove tag">
          {options.tags.map((tag) => (
            <option key={tag.id} value={bulkOp.removeTag(tag.id)}>
              {`Remove tag: ${tag.name}`}
            </option>
          ))}
        </optgroup>
      ) : null}
      <optgroup label="Assign owner">
        {options.members
          .filter((member) => member.role !== "VIEWER")
          .map((member) => (
          <option key={member.id} value={bulkOp.owner(member.id)}>
            {`Assign to ${member.name}`}
          </option>
        ))}
        <option value={bulkOp.owner(null)}>Unassign</option>
      </optgroup>
      {canDelete ? (
        <optgroup label="Delete">
          <option value={bulkOp.delete()}>Delete contacts…</option>
        </optgroup>
      ) : null}
    </select>
  );
}

/** With JavaScript, the exact number of matches when the list only said "10,000+". */
function useExactCount(enabled: boolean, filter: unknown): number | null {
  const [count, setCount] = useState<{ key: string; count: number } | null>(null);
  const key = JSON.stringify(filter);
  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    fetch(`/api/trpc/contacts.count?input=${encodeURIComponent(JSON.stringify({ filter: JSON.parse(key) as unknown }))}`, {
      signal: controller.signal,
    })
      .then((response) => (response.ok ? (response.json() as Promise<{ result?: { data?: { count?: unknown } } }>) : null))
      .then((body) => {
        const value = body?.result?.data?.count;
        if (typeof value === "number") setCount({ key, count: value });
      })
      .catch(() => {});
    return () => controller.abort();
  }, [enabled, key]);
  return count && count.key === key ? count.count : null;
}

export function BulkBar(props: {
  total: number;
  totalIsExact: boolean;
  /** The view's filter as in the URL, to ask for the exact count. */
  filter: unknown;
  pageSize: number;
  selectedCount: number;
  scope: BulkScope;
  onScopeChange: (scope: BulkScope) => void;
  allOnPageSelected: boolean;
  hydrated: boolean;
  options: FilterOptions;
  canDelete: boolean;
  submitting: boolean;
}) {
  const { total, scope } = props;
  const exact = useExactCount(props.hydrated && scope === "filter" && !props.totalIsExact, props.filter);
  const totalText = exact !== null ? formatCount(exact) : countOrEstimate(total, props.totalIsExact);
  const showSelectAll = props.hydrated && props.allOnPageSelected && scope === "ids" && (total > props.pageSize || !props.totalIsExact);
  return (
    <div className="mb-3 space-y-2 rounded-lg border border-slate-200 bg-slate-50 p-3 text-sm dark:border-slate-800 dark:bg-slate-950">
      {showSelectAll ? (
        <p role="status" className="flex flex-wrap items-center gap-2">
          All {formatCount(props.selectedCount)} on this page are selected.
          <button type="button" onClick={() => props.onScopeChange("filter")} className="font-semibold text-brand-700 underline dark:text-brand-100">
            Select all {totalText} matching this filter
          </button>
        </p>
      ) : null}
      {props.hydrated && scope === "filter" ? (
        <p role="status" className="flex flex-wrap items-center gap-2">
          All {exact !== null || props.totalIsExact ? contactsLabel(exact ?? total) : `${totalText} contacts`} matching this filter are selected.
          <button type="button" onClick={() => props.onScopeChange("ids")} className="font-semibold text-brand-700 underline dark:text-brand-100">
            Only the checked rows
          </button>
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <fieldset className="flex flex-wrap gap-x-4 gap-y-1">
          <legend className="sr-only">Apply to</legend>
          <label className="inline-flex items-center gap-2">
            <input
              type="radio"
              name="scope"
              value="ids"
              checked={scope === "ids"}
              onChange={() => props.onScopeChange("ids")}
            />
            {props.hydrated ? `Selected rows (${formatCount(props.selectedCount)})` : "Selected rows"}
          </label>
          <label className="inline-flex items-center gap-2">
            <input
              type="radio"
              name="scope"
              value="filter"
              checked={scope === "filter"}
              onChange={() => props.onScopeChange("filter")}
            />
            {`All ${totalText} matching this filter`}
          </label>
        </fieldset>
        <div className="flex w-full flex-wrap items-center gap-2 sm:w-auto">
          <BulkActionSelect options={props.options} canDelete={props.canDelete} />
          <Button variant="secondary" name="intent" value="bulk" pending={props.submitting} pendingText="Applying…">
            Apply
          </Button>
        </div>
      </div>
    </div>
  );
}

/** The second step of a bulk delete: states how many, posts the same selection again with confirmed=yes. */
export function BulkDeleteConfirm(props: {
  count: number;
  view: string;
  scope: BulkScope;
  ids: string[];
  op: string;
  postTo: string;
  cancelHref: string;
}) {
  return (
    <div role="alertdialog" aria-labelledby="bulk-delete-title" className="mb-4 rounded-lg border border-red-300 bg-red-50 p-4 dark:border-red-800 dark:bg-red-950">
      <h2 id="bulk-delete-title" className="text-base font-semibold text-red-900 dark:text-red-100">
        Delete {contactsLabel(props.count)}?
      </h2>
      <p className="mt-1 text-sm text-red-900 dark:text-red-100">
        {props.scope === "filter"
          ? `Every contact matching this filter will be deleted with its timeline, notes, tags and follow-ups. This can't be undone.`
          : `The selected contacts will be deleted with their timeline, notes, tags and follow-ups. This can't be undone.`}
      </p>
      <Form method="post" action={props.postTo} className="mt-3 flex flex-wrap items-center gap-2">
        <input type="hidden" name="view" value={props.view} />
        <input type="hidden" name="scope" value={props.scope} />
        <input type="hidden" name="op" value={props.op} />
        <input type="hidden" name="confirmed" value="yes" />
        <input type="hidden" name="expected" value={props.count} />
        {props.scope === "ids" ? props.ids.map((id) => <input key={id} type="hidden" name="ids" value={id} />) : null}
        <Button variant="danger" name="intent" value="bulk">
          Delete {contactsLabel(props.count)}
        </Button>
        <a href={props.cancelHref} className="text-sm font-medium text-slate-700 underline dark:text-slate-200">
          Cancel
        </a>
      </Form>
    </div>
  );
}
