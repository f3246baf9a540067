import type { LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { AppShell, LiveIndicator } from "~/components/app-shell";
import { ErrorView } from "~/components/error-view";
import { useLiveRefresh, useLiveStatus, useWorkspaceTopics } from "~/components/live/live-events";
import { useShellBadges } from "~/components/notification/use-shell-badges";
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
  const badges = ctx.org
    ? await Promise.all([caller.inbox.counts(), caller.notification.unreadCount()]).then(([counts, notifications]) => ({ inbox: counts.all, notifications }))
    : null;
  return json({
    user: { id: ctx.user.id, name: ctx.user.name, email: ctx.user.email },
    organization: ctx.org,
    organizations,
    theme: await readTheme(request),
    badges,
  });
}

export default function AppLayout() {
  const { user, organizations, theme, badges: badgesFromLoader } = useLoaderData<typeof loader>();
  const badges = useShellBadges(badgesFromLoader);
  // A change to my own membership (a new role, removed) changes what every page may show.
  useLiveRefresh([useWorkspaceTopics().user], ["member.updated", "member.joined"]);
  const status = useLiveStatus();
  return (
    <AppShell user={user} theme={theme} organizations={organizations} badges={badges} liveIndicator={<LiveIndicator status={status} />}>
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
