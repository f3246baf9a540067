import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/page-header";
import { ErrorView } from "~/components/error-view";
import { KeysetPager } from "~/components/ui/keyset-pager";
import { buttonClass } from "~/components/ui/button";
import { useLiveRefresh, useWorkspaceTopics } from "~/components/live/live-events";
import { useAppData, useTimeZone } from "~/components/use-app-data";
import { AssignConversationForm } from "~/components/conversation/assign-conversation-form";
import { ChannelBadge } from "~/components/conversation/channel-badge";
import { getCaller, loaderCall } from "~/trpc/caller.server";
import { assignConversationFromForm } from "~/web/assign-conversation-action.server";
import { CHANNEL_KIND_LABELS, CHANNEL_KINDS } from "~/domain/channel/channel-fields.schema";
import {
  INBOX_STATUS_LABELS,
  INBOX_STATUSES,
  INBOX_VIEW_LABELS,
  INBOX_VIEWS,
  inboxFilterSchema,
  type InboxView,
} from "~/domain/conversation/inbox-filter";
import { formatDateTime } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Inbox · Leadlane" }];

/** The filter as the URL says it (bad values are refused by the procedure with a clear message). */
function filterFrom(url: URL) {
  return {
    view: url.searchParams.get("view") ?? undefined,
    channel: url.searchParams.get("channel") ?? undefined,
    status: url.searchParams.get("status") ?? undefined,
    label: url.searchParams.get("label") ?? undefined,
    cursor: url.searchParams.get("cursor") ?? undefined,
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const { caller, ctx } = await getCaller(request);
  const raw = filterFrom(url);
  const parsed = inboxFilterSchema.safeParse(raw);
  if (!parsed.success) throw json({ message: parsed.error.issues[0]?.message ?? "That filter is not valid." }, { status: 400 });
  const [list, counts] = await Promise.all([
    loaderCall(request, () => caller.inbox.list(raw)),
    loaderCall(request, () => caller.inbox.counts()),
  ]);
  return json({
    list,
    counts,
    myUserId: ctx.user?.id ?? "",
    filter: { view: parsed.data.view, channel: raw.channel ?? "", status: raw.status ?? "", label: raw.label ?? "", cursor: raw.cursor ?? "" },
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const { caller } = await getCaller(request);
  const back = new URL(request.url);
  const to = back.pathname + back.search;
  switch (form.get("intent")) {
    case "assign":
      return assignConversationFromForm(caller, form, to);
    default:
      return json({ message: "Unknown action." }, { status: 400 });
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Filter = LoaderData["filter"];

/** A link to the inbox with `changes` applied to the current filter (a new filter or view starts at the newest). */
function inboxHref(filter: Filter, changes: Partial<Filter>): string {
  const next = { ...filter, cursor: "", ...changes };
  const params = new URLSearchParams();
  for (const key of ["view", "channel", "status", "label", "cursor"] as const) if (next[key]) params.set(key, next[key]);
  return `/inbox?${params.toString()}`;
}

function ViewTabs({ filter, counts, seesAll }: { filter: Filter; counts: LoaderData["counts"]; seesAll: boolean }) {
  return (
    <nav aria-label="Inbox views" className="flex flex-wrap gap-2">
      {INBOX_VIEWS.map((view: InboxView) => {
        const active = filter.view === view;
        const unread = counts[view];
        const label = view === "all" && !seesAll ? "All I can see" : INBOX_VIEW_LABELS[view];
        return (
          <Link
            key={view}
            to={inboxHref(filter, { view })}
            aria-current={active ? "page" : undefined}
            className={`inline-flex items-center gap-2 rounded-full border px-3 py-1 text-sm ${
              active
                ? "border-brand-600 bg-brand-50 font-semibold text-brand-700 dark:bg-brand-900/40 dark:text-brand-100"
                : "border-slate-300 text-slate-700 hover:bg-slate-100 dark:border-slate-700 dark:text-slate-200 dark:hover:bg-slate-800"
            }`}
          >
            {label}
            <span
              data-testid={`unread-${view}`}
              className="rounded-full bg-slate-200 px-2 text-xs font-semibold text-slate-800 dark:bg-slate-700 dark:text-slate-100"
              aria-label={`${unread} unread`}
            >
              {unread}
            </span>
          </Link>
        );
      })}
    </nav>
  );
}

function FilterForm({ filter, list }: { filter: Filter; list: LoaderData["list"] }) {
  const selectClass = "w-full rounded-md border border-slate-300 bg-white px-2 py-2 text-sm dark:border-slate-700 dark:bg-slate-900";
  return (
    <Form method="get" action="/inbox" className="grid gap-3 sm:grid-cols-[1fr_1fr_1fr_auto] sm:items-end" aria-label="Filter conversations">
      <input type="hidden" name="view" value={filter.view} />
      <label className="block text-sm">
        <span className="mb-1 block font-medium">Channel</span>
        <select name="channel" defaultValue={filter.channel} className={selectClass}>
          <option value="">All channels</option>
          {CHANNEL_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              Every {CHANNEL_KIND_LABELS[kind]} channel
            </option>
          ))}
          {list.channels.map((channel) => (
            <option key={channel.id} value={channel.id}>
              {channel.name} ({CHANNEL_KIND_LABELS[channel.kind]})
            </option>
          ))}
        </select>
      </label>
      <label className="block text-sm">
        <span className="mb-1 block font-medium">Status</span>
        <select name="status" defaultValue={filter.status} className={selectClass}>
          <option value="">Any status</option>
          {INBOX_STATUSES.map((status) => (
            <option key={status} value={status}>
              {INBOX_STATUS_LABELS[status]}
            </option>
          ))}
        </select>
      </label>
      <label className="block text-sm">
        <span className="mb-1 block font-medium">Label</span>
        <select name="label" defaultValue={filter.label} className={selectClass}>
          <option value="">Any label</option>
          {list.labels.map((label) => (
            <option key={label.id} value={label.id}>
              {label.name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className={buttonClass("secondary")}>
        Filter
      </button>
    </Form>
  );
}

const STATUS_WORDS: Record<string, string> = { OPEN: "Open", PENDING: "Pending", RESOLVED: "Resolved", SNOOZED: "Snoozed" };

function ConversationRow({ item, list, myUserId, timeZone }: { item: LoaderData["list"]["items"][number]; list: LoaderData["list"]; myUserId: string; timeZone: string }) {
  const unread = item.unreadCount > 0;
  return (
    <li className="flex flex-col gap-2 py-3 sm:flex-row sm:items-start sm:justify-between" data-testid="inbox-row">
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-2">
          <Link to={`/inbox/${item.id}`} className={`truncate text-base hover:underline ${unread ? "font-bold" : "font-medium"}`}>
            {item.contactName}
          </Link>
          <ChannelBadge kind={item.channelKind} name={item.channelName} />
          {unread ? (
            <span className="rounded-full bg-brand-600 px-2 text-xs font-semibold text-white" aria-label={`${item.unreadCount} unread`}>
              {item.unreadCount}
            </span>
          ) : null}
        </div>
        <p className="mt-1 line-clamp-2 break-words text-sm text-slate-600 dark:text-slate-300">
          {item.lastMessageDirection === "OUTBOUND" ? <span className="font-medium">You: </span> : null}
          {item.lastMessagePreview || <span className="italic">No messages yet</span>}
        </p>
        <p className="mt-1 text-xs text-slate-500">
          <time dateTime={item.lastMessageAt}>{formatDateTime(item.lastMessageAt, timeZone)}</time> · {STATUS_WORDS[item.status] ?? item.status}
          {item.status === "SNOOZED" && item.snoozedUntil ? ` until ${formatDateTime(item.snoozedUntil, timeZone)}` : ""}
        </p>
      </div>
      <div className="sm:pl-4">
        <AssignConversationForm
          conversationId={item.id}
          contactName={item.contactName}
          assigneeId={item.assigneeId}
          assigneeName={item.assigneeName}
          choice={item.assign}
          assignees={list.assignees}
          myUserId={myUserId}
          compact
        />
      </div>
    </li>
  );
}

export default function InboxPage() {
  const { list, counts, filter, myUserId } = useLoaderData<typeof loader>();
  const timeZone = useTimeZone();
  const { organization } = useAppData();
  // A new message, a new assignee or a read conversation anywhere in the organization changes this list.
  useLiveRefresh([useWorkspaceTopics().organization], ["conversation.changed"]);
  const filtered = Boolean(filter.channel || filter.status || filter.label);
  return (
    <div className="space-y-4">
      <PageHeader title="Inbox" description={organization ? `Conversations in ${organization.name}, newest first.` : undefined} />
      <ViewTabs filter={filter} counts={counts} seesAll={list.seesAll} />
      <FilterForm filter={filter} list={list} />
      <section aria-label="Conversations" className="rounded-lg border border-slate-200 bg-white px-4 dark:border-slate-800 dark:bg-slate-900">
        {list.items.length === 0 ? (
          <p className="py-6 text-sm text-slate-500">
            {filter.cursor ? "No older conversations." : filtered ? "No conversations match these filters." : "No conversations here yet."}
          </p>
        ) : (
          <ul className="divide-y divide-slate-200 dark:divide-slate-800">
            {list.items.map((item) => (
              <ConversationRow key={item.id} item={item} list={list} myUserId={myUserId} timeZone={timeZone} />
            ))}
          </ul>
        )}
      </section>
      <KeysetPager newestHref={filter.cursor ? inboxHref(filter, { cursor: "" }) : null} olderHref={list.nextCursor ? inboxHref(filter, { cursor: list.nextCursor }) : null} />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
