import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useLiveRefresh, useWorkspaceTopics } from "~/components/live/live-events";
import { PageHeader } from "~/components/page-header";
import { Card } from "~/components/ui/card";
import { buttonClass } from "~/components/ui/button";
import { getCaller, loaderCall } from "~/trpc/caller.server";
import { listOutboxSchema, OUTBOX_CHANNELS } from "~/trpc/routers/outbox/list.schema";
import { formatDateTime } from "~/utils/format";
import { useTimeZone } from "~/components/use-app-data";

export const meta: MetaFunction = () => [{ title: "Sandbox outbox · Leadlane" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const parsed = listOutboxSchema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) throw json({ message: "That filter isn't valid. Pick a channel from the list." }, { status: 400 });
  const { caller } = await getCaller(request);
  const items = await loaderCall(request, () => caller.outbox.list(parsed.data));
  return json({ items });
}

export default function OutboxPage() {
  const timeZone = useTimeZone();
  const { items } = useLoaderData<typeof loader>();
  useLiveRefresh([useWorkspaceTopics().organization], ["outbox.created"]);
  const [params] = useSearchParams();
  const last = items.at(-1);
  return (
    <div className="max-w-5xl">
      <PageHeader
        title="Sandbox outbox"
        description="Everything the sandbox providers sent instead of reaching a real phone, inbox or payment page."
      />
      <Form method="get" className="mb-4 flex flex-wrap items-end gap-2">
        <label className="text-sm">
          <span className="mb-1 block text-slate-600 dark:text-slate-300">Channel</span>
          <select
            name="channel"
            defaultValue={params.get("channel") ?? ""}
            className="rounded-md border border-slate-300 bg-white px-2 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"
          >
            <option value="">All channels</option>
            {OUTBOX_CHANNELS.map((channel) => (
              <option key={channel} value={channel}>
                {channel}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={buttonClass("secondary")}>
          Filter
        </button>
      </Form>
      <Card>
        {items.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-300">Nothing has been sent yet.</p>
        ) : (
          <ul className="divide-y divide-slate-200 dark:divide-slate-800" aria-label="Sent messages">
            {items.map((item) => (
              <li key={item.id} className="py-3">
                <Link to={`/outbox/${item.id}`} className="block space-y-1 hover:opacity-80">
                  <p className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
                    <span className="rounded bg-slate-100 px-1.5 py-0.5 font-semibold text-slate-700 dark:bg-slate-800 dark:text-slate-200">
                      {item.channel}
                    </span>
                    <span>to {item.toAddress}</span>
                    <span>· {formatDateTime(item.createdAt, timeZone)}</span>
                  </p>
                  <p className="truncate font-medium">{item.subject ?? item.body.split("\n")[0]}</p>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>
      {last && items.length >= 50 ? (
        <Link
          className={`${buttonClass("secondary")} mt-4`}
          to={`?${new URLSearchParams({ ...Object.fromEntries(params), before: String(last.createdAt) })}`}
        >
          Older
        </Link>
      ) : null}
    </div>
  );
}
