import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation, useSearchParams } from "@remix-run/react";
import { PageHeader } from "~/components/page-header";
import { buttonClass } from "~/components/ui/button";
import { ErrorView } from "~/components/error-view";
import { useAppData } from "~/components/use-app-data";
import { useLiveRefresh, useWorkspaceTopics } from "~/components/live/live-events";
import { DealBoard } from "~/components/deals/deal-board";
import { DealTable } from "~/components/deals/deal-table";
import { ForecastSummary } from "~/components/deals/forecast-summary";
import { getCaller, loaderCall, toActionFailure, actionFailure } from "~/trpc/caller.server";
import { boardParamsToInput, dealBoardSchema, dealListSchema, showMoreHref } from "~/trpc/routers/deal/board.schema";
import { moveDealSchema } from "~/trpc/routers/deal/move.schema";
import { canCreateDeal, canEditDeal } from "~/trpc/routers/deal/deal-access";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "Deals · Leadlane" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const { caller, ctx } = await getCaller(request);
  const userId = ctx.user?.id ?? null;
  if (url.searchParams.get("view") === "list") {
    const parsed = dealListSchema.safeParse(Object.fromEntries(url.searchParams));
    if (!parsed.success) throw json({ message: "That stage, sort or page isn't valid." }, { status: 400 });
    const list = await loaderCall(request, () => caller.deal.list(parsed.data));
    const stageId = list.stages.some((stage) => stage.id === parsed.data.stageId) ? parsed.data.stageId! : "";
    return json({ view: "list" as const, list, board: null, userId, sort: parsed.data.sort, stageId });
  }
  const parsed = dealBoardSchema.safeParse(boardParamsToInput(url.searchParams));
  if (!parsed.success) throw json({ message: "That board page isn't valid." }, { status: 400 });
  const board = await loaderCall(request, () => caller.deal.board(parsed.data));
  return json({ view: "board" as const, board, list: null, userId, sort: "updated" as const, stageId: "" });
}

/** Back to the board as it was (its "show more" pages), never anywhere else. */
function boardUrl(returnSearch: FormDataEntryValue | null): string {
  const params = new URLSearchParams(typeof returnSearch === "string" ? returnSearch : "");
  const search = params.toString();
  return search ? `/deals?${search}` : "/deals";
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  if (form.get("intent") !== "move") return json({ message: "Unknown action." }, { status: 400 });
  const back = boardUrl(form.get("returnSearch"));
  const { caller } = await getCaller(request);
  try {
    const deal = await caller.deal.move(moveDealSchema.parse(Object.fromEntries(form)));
    return redirectWithToast(back, { type: "success", message: `Moved “${deal.title}” to ${deal.stageName}.` });
  } catch (error) {
    const failure = toActionFailure(error);
    if (failure.status === 401) return actionFailure(error);
    // Someone else's (or a vanished) deal or stage is an error page; anything else goes back to the board.
    if (failure.status === 403 || failure.status === 404) throw json({ message: failure.message }, { status: failure.status });
    return redirectWithToast(back, { type: "error", message: failure.message }, { status: 303 });
  }
}

function ViewSwitch({ view }: { view: "board" | "list" }) {
  const tab = (active: boolean) =>
    `rounded-md px-3 py-1.5 text-sm font-medium ${
      active ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
    }`;
  return (
    <nav aria-label="Deals view" className="flex gap-1 rounded-lg border border-slate-200 p-1 dark:border-slate-800">
      <Link to="/deals" className={tab(view === "board")} aria-current={view === "board" ? "page" : undefined}>
        Board
      </Link>
      <Link to="/deals?view=list" className={tab(view === "list")} aria-current={view === "list" ? "page" : undefined}>
        List
      </Link>
    </nav>
  );
}

export default function DealsPage() {
  const data = useLoaderData<typeof loader>();
  const { organization } = useAppData();
  const role = organization?.role ?? "VIEWER";
  const [params] = useSearchParams();
  const location = useLocation();
  useLiveRefresh([useWorkspaceTopics().organization], ["deal.changed", "dealStage.changed", "company.changed"]);
  return (
    <div className="min-w-0 space-y-6">
      <PageHeader
        title="Deals"
        description="Your pipeline by stage. Weighted values count each deal at its probability."
        actions={
          <div className="flex flex-wrap items-center gap-2">
            <ViewSwitch view={data.view} />
            {canCreateDeal(role) ? (
              <Link to="/deals/new" className={buttonClass("primary")}>
                New deal
              </Link>
            ) : null}
          </div>
        }
      />
      {data.board ? (
        <>
          <ForecastSummary forecast={data.board.forecast} />
          <DealBoard
            columns={data.board.columns}
            canEdit={(deal) => canEditDeal(role, data.userId, deal.owner?.id ?? null)}
            showMoreHref={(column) => showMoreHref(params, column.id, column.pages)}
            returnSearch={location.search}
          />
        </>
      ) : null}
      {data.list ? (
        <>
          <Form method="get" className="flex flex-wrap items-end gap-2">
            <input type="hidden" name="view" value="list" />
            <label className="text-sm">
              <span className="mb-1 block text-slate-600 dark:text-slate-300">Stage</span>
              <select
                name="stageId"
                defaultValue={data.stageId}
                className="rounded-md border border-slate-300 bg-white px-2 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"
              >
                <option value="">All stages</option>
                {data.list.stages.map((stage) => (
                  <option key={stage.id} value={stage.id}>
                    {stage.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="text-sm">
              <span className="mb-1 block text-slate-600 dark:text-slate-300">Sort by</span>
              <select
                name="sort"
                defaultValue={data.sort}
                className="rounded-md border border-slate-300 bg-white px-2 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"
              >
                <option value="updated">Recently updated</option>
                <option value="value">Value, highest first</option>
                <option value="close">Expected close, soonest first</option>
                <option value="title">Title</option>
              </select>
            </label>
            <button type="submit" className={buttonClass("secondary")}>
              Show
            </button>
          </Form>
          <DealTable list={data.list} params={params} />
        </>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
