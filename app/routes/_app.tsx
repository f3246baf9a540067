import type { LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Outlet, useLoaderData, useRevalidator } from "@remix-run/react";
import { AppShell, LiveIndicator } from "~/components/app-shell";
import { ErrorView } from "~/components/error-view";
import { useLiveEvents } from "~/components/use-live-events";
import { getCaller, loaderCall } from "~/trpc/caller.server";
import { readTheme } from "~/utils/theme.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { caller, ctx } = await getCaller(request);
  if (!ctx.user) {
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  const organizations = await loaderCall(request, () => caller.organization.listMine());
  if (!ctx.org && !new URL(request.url).pathname.startsWith("/organizations/new")) {
    throw redirect("/organizations/new");
  }
  return json({
    user: { name: ctx.user.name, email: ctx.user.email },
    organization: ctx.org,
    organizations,
    theme: await readTheme(request),
  });
}

export default function AppLayout() {
  const { user, organizations, theme } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  // Any change in the organization refreshes what is on screen.
  const status = useLiveEvents(["member.joined", "member.updated", "outbox.created"], () => {
    if (revalidator.state === "idle") revalidator.revalidate();
  });
  return (
    <AppShell user={user} theme={theme} organizations={organizations} liveIndicator={<LiveIndicator status={status} />}>
      <Outlet />
    </AppShell>
  );
}

export function ErrorBoundary() {
  return (
    <main className="mx-auto max-w-2xl p-6">
      <ErrorView />
    </main>
  );
}
