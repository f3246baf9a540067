import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useLoaderData, useNavigation } from "@remix-run/react";
import { Card } from "~/components/ui/card";
import { Button } from "~/components/ui/button";
import { actionFailure, getCaller, loaderCall } from "~/trpc/caller.server";
import { destroyUserSession } from "~/utils/session.server";
import { describeUserAgent, formatDateTime } from "~/utils/format";
import { useTimeZone } from "~/components/use-app-data";

export async function loader({ request }: LoaderFunctionArgs) {
  const { caller } = await getCaller(request);
  return json({ sessions: await loaderCall(request, () => caller.session.list()) });
}

export async function action({ request }: ActionFunctionArgs) {
  const { caller } = await getCaller(request);
  try {
    await caller.session.revokeAll();
  } catch (error) {
    return actionFailure(error);
  }
  return redirect("/login", { headers: { "Set-Cookie": await destroyUserSession(request) } });
}

export default function SecuritySettingsPage() {
  const timeZone = useTimeZone();
  const { sessions } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  return (
    <Card title="Where you're signed in">
      <ul className="mb-4 divide-y divide-slate-200 text-sm dark:divide-slate-800" aria-label="Sessions">
        {sessions.map((session, index) => (
          <li key={index} className="flex flex-wrap justify-between gap-2 py-2">
            <span>
              {describeUserAgent(session.userAgent)}
              {session.current ? <span className="ml-2 text-xs text-brand-700 dark:text-brand-100">(this browser)</span> : null}
            </span>
            <span className="text-slate-500">
              {session.ipAddress ?? "unknown address"} · last active {formatDateTime(session.lastSeenAt, timeZone)}
            </span>
          </li>
        ))}
      </ul>
      <Form method="post">
        <Button variant="danger" pending={navigation.state === "submitting"} pendingText="Signing out…">
          Sign out everywhere
        </Button>
      </Form>
    </Card>
  );
}
