import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/page-header";
import { ErrorView } from "~/components/error-view";
import { KeysetPager } from "~/components/ui/keyset-pager";
import { Button } from "~/components/ui/button";
import { useLiveRefresh, useWorkspaceTopics } from "~/components/live/live-events";
import { useTimeZone } from "~/components/use-app-data";
import { getCaller, loaderCall } from "~/trpc/caller.server";
import { listNotificationsSchema } from "~/trpc/routers/notification/list.schema";
import { markNotificationReadSchema } from "~/trpc/routers/notification/mark-read.schema";
import { toActionFailure } from "~/trpc/caller.server";
import { runAndRedirect } from "~/web/form-action.server";
import { formatDateTime } from "~/utils/format";
import { countOf } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Notifications · Leadlane" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const input = { cursor: url.searchParams.get("cursor") ?? undefined };
  const parsed = listNotificationsSchema.safeParse(input);
  if (!parsed.success) throw json({ message: parsed.error.issues[0]?.message ?? "That page link is not valid." }, { status: 400 });
  const { caller } = await getCaller(request);
  const [page, unread] = await Promise.all([
    loaderCall(request, () => caller.notification.list(input)),
    loaderCall(request, () => caller.notification.unreadCount()),
  ]);
  return json({ page, unread, cursor: input.cursor ?? null });
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const { caller } = await getCaller(request);
  const back = new URL(request.url);
  switch (form.get("intent")) {
    case "open": {
      // Mark it read, then go where it points.
      try {
        const { url } = await caller.notification.markRead(markNotificationReadSchema.parse({ id: form.get("id") }));
        return redirect(url);
      } catch (error) {
        const failure = toActionFailure(error);
        if (failure.status === 401) throw redirect("/login");
        throw json({ message: failure.message }, { status: failure.status === 400 ? 404 : failure.status });
      }
    }
    case "markAllRead":
      return runAndRedirect(back.pathname + back.search, async () => {
        const { marked } = await caller.notification.markAllRead();
        return marked ? `Marked ${countOf(marked, "notification")} read.` : "Nothing unread.";
      });
    default:
      return json({ message: "Unknown action." }, { status: 400 });
  }
}

export default function NotificationsPage() {
  const { page, unread, cursor } = useLoaderData<typeof loader>();
  const timeZone = useTimeZone();
  useLiveRefresh([useWorkspaceTopics().user], ["notification.changed"]);
  return (
    <div className="space-y-4">
      <PageHeader
        title="Notifications"
        description={unread ? `${countOf(unread, "unread notification")}.` : "You're all caught up."}
        actions={
          unread ? (
            <Form method="post">
              <input type="hidden" name="intent" value="markAllRead" />
              <Button variant="secondary">Mark all read</Button>
            </Form>
          ) : null
        }
      />
      <section aria-label="Notifications" className="rounded-lg border border-slate-200 bg-white px-4 dark:border-slate-800 dark:bg-slate-900">
        {page.items.length === 0 ? (
          <p className="py-6 text-sm text-slate-500">{cursor ? "No older notifications." : "No notifications yet."}</p>
        ) : (
          <ul className="divide-y divide-slate-200 dark:divide-slate-800">
            {page.items.map((item) => (
              <li key={item.id} className="py-3" data-testid="notification">
                <Form method="post" className="flex items-start gap-3">
                  <input type="hidden" name="intent" value="open" />
                  <input type="hidden" name="id" value={item.id} />
                  <span
                    className={`mt-2 h-2 w-2 shrink-0 rounded-full ${item.readAt ? "bg-transparent" : "bg-brand-600"}`}
                    aria-hidden
                  />
                  <button type="submit" className="min-w-0 flex-1 text-left">
                    <span className={`block break-words ${item.readAt ? "" : "font-semibold"}`}>
                      {item.readAt ? null : <span className="sr-only">Unread: </span>}
                      {item.title}
                    </span>
                    {item.body ? <span className="mt-0.5 block break-words text-sm text-slate-600 dark:text-slate-300">{item.body}</span> : null}
                    <time dateTime={item.updatedAt} className="mt-0.5 block text-xs text-slate-500">
                      {formatDateTime(item.updatedAt, timeZone)}
                    </time>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>
      <KeysetPager newestHref={cursor ? "/notifications" : null} olderHref={page.nextCursor ? `/notifications?cursor=${encodeURIComponent(page.nextCursor)}` : null} />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
