import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useFetcher, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/page-header";
import { Card } from "~/components/ui/card";
import { Button, buttonClass } from "~/components/ui/button";
import { ErrorView } from "~/components/error-view";
import { useLiveRefresh, useWorkspaceTopics } from "~/components/live/live-events";
import { useSingleSubmit } from "~/components/contact/section-form";
import { FOLLOW_UP_KIND_LABELS } from "~/domain/contact/contact-labels";
import { getCaller, loaderCall } from "~/trpc/caller.server";
import { completeFollowUpSchema } from "~/trpc/routers/follow-up/complete.schema";
import { cancelFollowUpSchema } from "~/trpc/routers/follow-up/cancel.schema";
import { can } from "~/utils/permissions";
import { formatDateTime } from "~/utils/format";
import { formatPhone } from "~/utils/phone";
import { runAndRedirect } from "~/web/form-action.server";
import { useTimeZone } from "~/components/use-app-data";

export const meta: MetaFunction = () => [{ title: "Follow-ups · Leadlane" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const assigneeParam = url.searchParams.get("assignee");
  if (assigneeParam !== null && assigneeParam !== "me" && assigneeParam !== "all") {
    throw json({ message: "Show mine or everyone's follow-ups." }, { status: 400 });
  }
  const { caller, ctx } = await getCaller(request);
  const assignee = assigneeParam ?? undefined;
  const [overdue, today, upcoming] = await Promise.all([
    loaderCall(request, () => caller.followUp.list({ view: "overdue", assignee })),
    loaderCall(request, () => caller.followUp.list({ view: "today", assignee })),
    loaderCall(request, () => caller.followUp.list({ view: "upcoming", assignee })),
  ]);
  return json({ overdue, today, upcoming, seesEveryone: can(ctx.org?.role, "update:contact:any") });
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const { caller } = await getCaller(request);
  const back = new URL(request.url);
  const to = back.pathname + back.search;
  switch (form.get("intent")) {
    case "complete":
      return runAndRedirect(to, async () => {
        const result = await caller.followUp.complete(completeFollowUpSchema.parse({ id: form.get("id") }));
        return result.alreadyDone ? "That follow-up was already done." : "Follow-up done.";
      });
    case "cancel":
      return runAndRedirect(to, async () => {
        const result = await caller.followUp.cancel(cancelFollowUpSchema.parse({ id: form.get("id") }));
        return result.alreadyCancelled ? "That follow-up was already cancelled." : "Follow-up cancelled.";
      });
    default:
      return json({ message: "Unknown action." }, { status: 400 });
  }
}

type Item = ReturnType<typeof useLoaderData<typeof loader>>["today"]["items"][number];

function ItemButton({ item, intent }: { item: Item; intent: "complete" | "cancel" }) {
  const fetcher = useFetcher();
  const onSubmit = useSingleSubmit(fetcher);
  const kind = FOLLOW_UP_KIND_LABELS[item.kind].toLowerCase();
  return (
    <fetcher.Form method="post" onSubmit={onSubmit}>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={item.id} />
      <Button
        variant={intent === "complete" ? "secondary" : "ghost"}
        className="min-h-9 px-3 py-1"
        pending={fetcher.state !== "idle"}
        pendingText="Saving…"
        aria-label={intent === "complete" ? `Mark ${kind} with ${item.contact.name} done` : `Cancel ${kind} with ${item.contact.name}`}
      >
        {intent === "complete" ? "Mark done" : "Cancel"}
      </Button>
    </fetcher.Form>
  );
}

function FollowUpList({
  title,
  items,
  truncated,
  empty,
  showAssignee,
}: {
  title: string;
  items: Item[];
  truncated: boolean;
  empty: string;
  showAssignee: boolean;
}) {
  const timeZone = useTimeZone();
  return (
    <Card title={`${title} (${items.length}${truncated ? "+" : ""})`}>
      {items.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-300">{empty}</p>
      ) : (
        <ul aria-label={title} className="divide-y divide-slate-200 dark:divide-slate-800">
          {items.map((item) => (
            <li key={item.id} className="flex flex-wrap items-start justify-between gap-3 py-3">
              <div className="min-w-0 text-sm">
                <p className="font-medium [overflow-wrap:anywhere]">
                  <span className="mr-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-semibold dark:bg-slate-800">
                    {FOLLOW_UP_KIND_LABELS[item.kind]}
                  </span>
                  <Link to={`/contacts/${item.contact.id}`} className="underline">
                    {item.contact.name}
                  </Link>
                </p>
                <p className="text-slate-600 dark:text-slate-300">
                  {item.contact.phone ? `${formatPhone(item.contact.phone)} · ` : ""}due {formatDateTime(item.dueAt, timeZone)}
                  {item.overdue ? <span className="ml-2 text-xs font-semibold text-red-700 dark:text-red-300">Overdue</span> : null}
                </p>
                {showAssignee ? <p className="text-xs text-slate-500">{item.assignee?.name ?? "Unassigned"}</p> : null}
                {item.note ? <p className="mt-1 whitespace-pre-wrap break-words">{item.note}</p> : null}
              </div>
              {item.canClose ? (
                <div className="flex flex-wrap gap-2">
                  <ItemButton item={item} intent="complete" />
                  <ItemButton item={item} intent="cancel" />
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {truncated ? <p className="mt-2 text-xs text-slate-500">Showing the first {items.length}.</p> : null}
    </Card>
  );
}

export default function FollowUpsPage() {
  const { overdue, today, upcoming, seesEveryone } = useLoaderData<typeof loader>();
  useLiveRefresh([useWorkspaceTopics().organization], ["followUp.changed"]);
  const everyone = today.assignee === "all";
  const timeZone = useTimeZone();
  return (
    <div className="max-w-4xl space-y-6">
      <PageHeader
        title="Follow-ups"
        description={`${everyone ? "Everyone's" : "Your"} calls and messages to make. Times are ${timeZone}.`}
        actions={
          seesEveryone ? (
            <Form method="get" className="flex items-end gap-2">
              <label className="text-sm">
                <span className="mb-1 block text-slate-600 dark:text-slate-300">Show</span>
                <select
                  name="assignee"
                  defaultValue={today.assignee}
                  className="rounded-md border border-slate-300 bg-white px-2 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"
                >
                  <option value="me">Mine</option>
                  <option value="all">Everyone&apos;s</option>
                </select>
              </label>
              <button type="submit" className={buttonClass("secondary")}>
                Show
              </button>
            </Form>
          ) : null
        }
      />
      <FollowUpList title="Overdue" items={overdue.items} truncated={overdue.truncated} empty="Nothing overdue." showAssignee={everyone} />
      {/* What fell due earlier today is already under Overdue: each follow-up is listed once. */}
      <FollowUpList
        title="Today"
        items={today.items.filter((item) => !item.overdue)}
        truncated={today.truncated}
        empty="Nothing due today."
        showAssignee={everyone}
      />
      <FollowUpList title="Upcoming" items={upcoming.items} truncated={upcoming.truncated} empty="Nothing scheduled after today." showAssignee={everyone} />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
