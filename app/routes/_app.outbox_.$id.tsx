import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/page-header";
import { Card } from "~/components/ui/card";
import { ErrorView } from "~/components/error-view";
import { getCaller, loaderCall } from "~/trpc/caller.server";
import { getOutboxItemSchema } from "~/trpc/routers/outbox/list.schema";
import { formatDateTime } from "~/utils/format";
import { useTimeZone } from "~/components/use-app-data";

export const meta: MetaFunction = () => [{ title: "Outbox message · Leadlane" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const parsed = getOutboxItemSchema.safeParse({ id: params.id });
  if (!parsed.success) throw json({ message: "Message not found." }, { status: 404 });
  const { caller } = await getCaller(request);
  return json({ item: await loaderCall(request, () => caller.outbox.get(parsed.data)) });
}

export default function OutboxItemPage() {
  const timeZone = useTimeZone();
  const { item } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-3xl">
      <PageHeader title={item.subject ?? `${item.channel} message`} description={`Sent ${formatDateTime(item.createdAt, timeZone)}`} />
      <Card actions={<Link to="/outbox" className="text-sm underline">Back to outbox</Link>}>
        <dl className="mb-4 grid gap-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-500">Channel</dt>
            <dd>{item.channel}</dd>
          </div>
          <div>
            <dt className="text-slate-500">To</dt>
            <dd className="break-all">{item.toAddress}</dd>
          </div>
          {item.fromAddress ? (
            <div>
              <dt className="text-slate-500">From</dt>
              <dd className="break-all">{item.fromAddress}</dd>
            </div>
          ) : null}
          <div>
            <dt className="text-slate-500">Provider id</dt>
            <dd className="font-mono text-xs">{item.externalId}</dd>
          </div>
        </dl>
        {/* Message bodies are hostile input: rendered as text, never as HTML. */}
        <pre className="whitespace-pre-wrap break-words rounded-md bg-slate-50 p-3 font-sans text-sm dark:bg-slate-950" data-testid="outbox-body">
          {item.body}
        </pre>
      </Card>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
