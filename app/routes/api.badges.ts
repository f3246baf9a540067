// The counts the app shell shows (the inbox's unread conversations, the bell's unread notifications),
// for the shell to refetch when a live event says they changed, without reloading the whole page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getCaller, loaderCall } from "~/trpc/caller.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { caller, ctx } = await getCaller(request);
  if (!ctx.user) return json({ message: "Sign in to continue." }, { status: 401 });
  if (!ctx.org) return json({ inbox: 0, notifications: 0 }, { headers: { "Cache-Control": "no-store" } });
  const [counts, notifications] = await Promise.all([
    loaderCall(request, () => caller.inbox.counts()),
    loaderCall(request, () => caller.notification.unreadCount()),
  ]);
  return json({ inbox: counts.all, notifications }, { headers: { "Cache-Control": "no-store" } });
}
