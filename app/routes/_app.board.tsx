import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, isRouteErrorResponse, useLoaderData, useRouteError } from "@remix-run/react";
import { PageHeader } from "~/components/page-header";
import { buttonClass } from "~/components/ui/button";
import { ErrorView } from "~/components/error-view";
import { useLiveRefresh, useWorkspaceTopics } from "~/components/live/live-events";
import { ContactFilterBar } from "~/components/contacts/contact-filter-bar";
import { ContactBoard, type BoardCardData, type BoardColumnData } from "~/components/contacts/contact-board";
import { useHydrated } from "~/components/contacts/use-hydrated";
import { getCaller, loaderCall, toActionFailure } from "~/trpc/caller.server";
import { boardParamsToInput, boardSchema } from "~/trpc/routers/contacts/board.schema";
import { changeStageSchema } from "~/trpc/routers/contacts/change-stage.schema";
import { describeIssues } from "~/domain/contact/list-view";
import { can } from "~/utils/permissions";
import { redirectWithToast, setToastCookie } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "Board · Leadlane" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const parsed = boardSchema.safeParse(boardParamsToInput(url.searchParams));
  if (!parsed.success) throw json({ message: `This board view has a problem: ${describeIssues(parsed.error)}.` }, { status: 400 });
  const { caller, ctx } = await getCaller(request);
  const [board, options] = await Promise.all([
    loaderCall(request, () => caller.contacts.board(parsed.data)),
    loaderCall(request, () => caller.contacts.filterOptions()),
  ]);
  return json({
    board,
    options,
    me: ctx.user?.id ?? null,
    canMoveAny: can(ctx.org?.role, "update:contact:any"),
    canMoveOwn: can(ctx.org?.role, "update:contact:own"),
  });
}

/**
 * Moves a card. A drag (or Move with JavaScript) posts through a fetcher with
 * js=1 and gets JSON back (a refusal also leaves a toast for the page); a plain
 * form post is redirected back to the same board view with a toast.
 */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const fromScript = form.get("js") === "1";
  // Re-encoded, so the way back can only be a query string of /board.
  const view = new URLSearchParams(typeof form.get("view") === "string" ? String(form.get("view")).slice(0, 8_000) : "").toString();
  const back = view ? `/board?${view}` : "/board";
  const answer = async (ok: boolean, message: string, status = ok ? 200 : 400) => {
    if (!fromScript) return redirectWithToast(back, { type: ok ? "success" : "error", message }, { status: 303 });
    const headers = ok ? undefined : { "Set-Cookie": await setToastCookie(request, { type: "error", message }) };
    return json({ ok, message }, { status, headers });
  };
  const parsed = changeStageSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return answer(false, describeIssues(parsed.error), 400);
  const { caller } = await getCaller(request);
  try {
    const result = await caller.contacts.changeStage(parsed.data);
    return answer(true, result.message);
  } catch (error) {
    const failure = toActionFailure(error);
    if (failure.status === 401) throw redirect("/login");
    return answer(false, failure.message, failure.status);
  }
}

export default function BoardPage() {
  const { board, options, me, canMoveAny, canMoveOwn } = useLoaderData<typeof loader>();
  const hydrated = useHydrated();
  // Someone else moved or changed contacts: show the board as it is now.
  useLiveRefresh([useWorkspaceTopics().organization], ["contact.changed", "contacts.bulkChanged"]);
  const canMove = (card: BoardCardData) => canMoveAny || (canMoveOwn && (card.ownerId === null || card.ownerId === me));
  return (
    <div className="min-w-0">
      <PageHeader
        title="Board"
        description="Contacts by stage. Drag a card to another column, or pick its stage and press Move."
        actions={
          <Link to="/contacts" className={buttonClass("secondary")}>
            List view
          </Link>
        }
      />
      <ContactFilterBar action="/board" options={options} />
      <ContactBoard columns={board.columns as unknown as BoardColumnData[]} canMove={canMove} hydrated={hydrated} />
    </div>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 400) {
    const message = (error.data as { message?: string } | null)?.message ?? "This board view has a problem.";
    return (
      <div role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-6 dark:border-amber-800 dark:bg-amber-950">
        <p className="text-sm font-medium text-amber-800 dark:text-amber-200">Error 400</p>
        <h1 className="mt-1 text-xl font-semibold">{"We couldn't show this board"}</h1>
        <p className="mt-2 text-slate-700 dark:text-slate-200">{message}</p>
        <Link to="/board" className={`${buttonClass("primary")} mt-4`}>
          Show the whole board
        </Link>
      </div>
    );
  }
  return <ErrorView />;
}
