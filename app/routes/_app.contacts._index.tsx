import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import {
  Link,
  isRouteErrorResponse,
  useActionData,
  useLoaderData,
  useLocation,
  useNavigation,
  useRouteError,
  Form,
} from "@remix-run/react";
import { useEffect, useState } from "react";
import { PageHeader } from "~/components/page-header";
import { buttonClass } from "~/components/ui/button";
import { ErrorView } from "~/components/error-view";
import { useLiveRefresh, useWorkspaceTopics } from "~/components/live/live-events";
import { ContactFilterBar } from "~/components/contacts/contact-filter-bar";
import { ContactListTable, type ContactRow } from "~/components/contacts/contact-list-table";
import { ContactPagination } from "~/components/contacts/contact-pagination";
import { BulkBar, BulkDeleteConfirm, type BulkScope } from "~/components/contacts/bulk-bar";
import { useHydrated } from "~/components/contacts/use-hydrated";
import { getCaller, loaderCall, toActionFailure } from "~/trpc/caller.server";
import { filterParamsOnly, describeIssues, parseListView } from "~/domain/contact/list-view";
import { contactsOrEstimateLabel } from "~/domain/contact/contact-labels";
import { bulkFormFields, bulkFormSchema, bulkOpToCommand } from "~/domain/bulk/bulk-form.schema";
import { contactListParamsToInput, type ContactFilter } from "~/domain/contact/contact-filter.schema";
import { can } from "~/utils/permissions";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "Contacts · Leadlane" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const view = parseListView(url.searchParams);
  if (!view.ok) throw json({ message: view.message }, { status: 400 });
  const { caller, ctx } = await getCaller(request);
  const [list, options] = await Promise.all([
    loaderCall(request, () => caller.contacts.list(view.input)),
    loaderCall(request, () => caller.contacts.filterOptions()),
  ]);
  return json({
    list,
    options,
    canBulk: can(ctx.org?.role, "update:contact:any"),
    canDelete: can(ctx.org?.role, "delete:contact:any"),
    canCreate: can(ctx.org?.role, "create:contact:any"),
    filtered: [...url.searchParams.keys()].some((key) => !["sort", "dir", "page", "perPage", "index"].includes(key)),
  });
}

/** Bulk actions: parse the bar, ask to confirm a delete, call bulk.run, go back with the result. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const parsed = bulkFormSchema.safeParse(bulkFormFields(form));
  // The view comes back from the form: re-encode it so it can only ever be a query string of /contacts.
  const normalize = (value: string) => {
    const params = new URLSearchParams(value);
    params.delete("index");
    return params.toString();
  };
  const rawView = normalize(typeof form.get("view") === "string" ? String(form.get("view")).slice(0, 8_000) : "");
  const backTo = (view: string) => (view ? `/contacts?${normalize(view)}` : "/contacts");
  const refuse = (view: string, message: string) =>
    redirectWithToast(backTo(view), { type: "error", message }, { status: 303 });
  if (!parsed.success) return refuse(rawView, describeIssues(parsed.error));
  const { scope, ids, op, confirmed, expected } = parsed.data;
  const view = normalize(parsed.data.view);
  const command = bulkOpToCommand(op);
  if (!command) return refuse(view, "Choose an action.");
  let selection: { ids: string[] } | { filter: ContactFilter };
  if (scope === "filter") {
    const listView = parseListView(new URLSearchParams(view));
    if (!listView.ok) return refuse("", listView.message);
    selection = { filter: listView.input.filter };
  } else {
    if (ids.length === 0) return refuse(view, "Select at least one contact, or choose all matching this filter.");
    selection = { ids };
  }

  const { caller } = await getCaller(request);
  try {
    if (command.action === "delete" && confirmed !== "yes") {
      const { count } = await caller.bulk.count({ selection });
      if (count === 0) return refuse(view, "None of the selected contacts were found.");
      return json({ confirmDelete: { count, view, scope, ids: scope === "ids" ? ids : [], op } });
    }
    const params = command.action === "delete" ? { expectedCount: expected } : command.params;
    const result = await caller.bulk.run({ selection, ...command, params } as Parameters<typeof caller.bulk.run>[0]);
    if (result.mode === "job") return redirectWithToast(`/bulk/${result.operationId}`, { type: "info", message: result.message });
    return redirectWithToast(backTo(view), { type: "success", message: result.message });
  } catch (error) {
    const failure = toActionFailure(error);
    if (failure.status === 401) throw redirect("/login");
    const detail = Object.values(failure.fieldErrors)[0];
    return refuse(view, detail ? `${failure.message} ${detail}.` : failure.message);
  }
}

export default function ContactsPage() {
  const { list, options, canBulk, canDelete, canCreate, filtered } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const confirmDelete = actionData && "confirmDelete" in actionData ? actionData.confirmDelete : null;
  const location = useLocation();
  const navigation = useNavigation();
  const hydrated = useHydrated();
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const [scope, setScope] = useState<BulkScope>("ids");
  const rows = list.rows as unknown as ContactRow[];

  // A new view (or the page after an action) starts with nothing selected, except
  // while a delete waits for confirmation: the bar then shows what it would delete.
  const pendingIds = confirmDelete?.scope === "ids" ? confirmDelete.ids : null;
  const pendingScope = confirmDelete?.scope ?? "ids";
  useEffect(() => {
    setSelected(new Set(pendingIds ?? []));
    setScope(pendingScope);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new page resets the selection
  }, [location.key]);

  useLiveRefresh([useWorkspaceTopics().organization], ["contacts.bulkChanged"]);

  // After a form post without JavaScript the address is /contacts?index&<view>: the view is the rest.
  const params = new URLSearchParams(location.search);
  params.delete("index");
  const search = params.toString();
  const postTo = `/contacts?index${search ? `&${search}` : ""}`;
  const filterForCount = (contactListParamsToInput(params) as { filter: unknown }).filter;
  const exportParams = filterParamsOnly(params);
  for (const key of ["sort", "dir"]) if (params.get(key)) exportParams.set(key, params.get(key)!);
  const exportSearch = exportParams.toString();
  const submitting = navigation.state === "submitting" && navigation.formMethod?.toUpperCase() === "POST";

  return (
    <div className="min-w-0">
      <PageHeader
        title="Contacts"
        description={`${contactsOrEstimateLabel(list.total, list.totalIsExact)}${filtered ? (list.total === 1 && list.totalIsExact ? " matches this view" : " match this view") : ""}`}
        actions={
          <div className="flex flex-wrap gap-2">
            <a href={`/contacts/export${exportSearch ? `?${exportSearch}` : ""}`} className={buttonClass("secondary")}>
              Export CSV
            </a>
            {canCreate ? (
              <Link to="/contacts/new" className={buttonClass("primary")}>
                New contact
              </Link>
            ) : null}
          </div>
        }
      />
      <ContactFilterBar action="/contacts" options={options} showPerPage showSort />
      {confirmDelete ? (
        <BulkDeleteConfirm
          count={confirmDelete.count}
          view={confirmDelete.view}
          scope={confirmDelete.scope}
          ids={confirmDelete.ids}
          op={confirmDelete.op}
          postTo={postTo}
          cancelHref={confirmDelete.view ? `/contacts?${confirmDelete.view}` : "/contacts"}
        />
      ) : null}
      {rows.length === 0 ? (
        <EmptyState filtered={filtered} total={list.total} canCreate={canCreate} searched={params.get("q")?.trim() ?? ""} />
      ) : (
        <Form method="post" action={postTo} aria-label="Bulk actions">
          <input type="hidden" name="view" value={search} />
          {canBulk ? (
            <BulkBar
              total={list.total}
              totalIsExact={list.totalIsExact}
              filter={filterForCount}
              pageSize={rows.length}
              selectedCount={selected.size}
              scope={scope}
              onScopeChange={setScope}
              allOnPageSelected={rows.every((row) => selected.has(row.id))}
              hydrated={hydrated}
              options={options}
              canDelete={canDelete}
              submitting={submitting}
            />
          ) : null}
          <ContactListTable
            rows={rows}
            sort={list.sort}
            dir={list.dir}
            selectable={canBulk}
            selected={selected}
            hydrated={hydrated}
            onToggle={(id, checked) =>
              setSelected((current) => {
                const next = new Set(current);
                if (checked) next.add(id);
                else next.delete(id);
                return next;
              })
            }
            onTogglePage={(checked) => {
              setSelected(checked ? new Set(rows.map((row) => row.id)) : new Set());
              if (!checked) setScope("ids");
            }}
          />
        </Form>
      )}
      <ContactPagination
        page={list.page.page}
        pageCount={list.page.pageCount}
        from={list.page.from}
        to={list.page.to}
        hasNext={list.page.hasNext}
        total={list.total}
        totalIsExact={list.totalIsExact}
      />
    </div>
  );
}

function EmptyState({ filtered, total, canCreate, searched }: { filtered: boolean; total: number; canCreate: boolean; searched: string }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center dark:border-slate-700 dark:bg-slate-900">
      {total > 0 ? (
        <>
          <h2 className="text-base font-semibold">This page is past the end of the list.</h2>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">Go back to the pages below.</p>
        </>
      ) : filtered ? (
        <>
          <h2 className="text-base font-semibold">No contacts match this view.</h2>
          {searched ? (
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
              Search finds the start of any word of a name or of an email before its @ (a surname too), an email typed with its @, the
              last digits of a phone, or a whole number in any format. Try fewer letters of a word or the last digits of the number.
            </p>
          ) : null}
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">Try a shorter search or fewer filters.</p>
          <Link to="/contacts" className={`${buttonClass("secondary")} mt-4`}>
            Clear filters
          </Link>
        </>
      ) : (
        <>
          <h2 className="text-base font-semibold">No contacts yet.</h2>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
            Contacts arrive from WhatsApp, website forms and payments, or add them yourself.
          </p>
          <div className="mt-4 flex flex-wrap justify-center gap-2">
            {canCreate ? (
              <Link to="/contacts/new" className={buttonClass("primary")}>
                New contact
              </Link>
            ) : null}
            <Link to="/imports" className={buttonClass("secondary")}>
              Import a CSV
            </Link>
          </div>
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 400) {
    const message = (error.data as { message?: string } | null)?.message ?? "This view has a problem.";
    return (
      <div role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-6 dark:border-amber-800 dark:bg-amber-950">
        <p className="text-sm font-medium text-amber-800 dark:text-amber-200">Error 400</p>
        <h1 className="mt-1 text-xl font-semibold">{"We couldn't show this list"}</h1>
        <p className="mt-2 text-slate-700 dark:text-slate-200">{message}</p>
        <Link to="/contacts" className={`${buttonClass("primary")} mt-4`}>
          Show all contacts
        </Link>
      </div>
    );
  }
  return <ErrorView />;
}
