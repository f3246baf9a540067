// The app shell's counts, kept live: a conversation changing anywhere in the organization (new
// message, assignee, read) or one of my notifications changing refetches just these two numbers
// (at most once per 500 ms), instead of reloading the page.
import { useEffect, useRef, useState } from "react";
import { useFetcher } from "@remix-run/react";
import { useLiveEvents, useWorkspaceTopics } from "~/components/live/live-events";
import { RefreshCoalescer } from "~/components/live/live-connection";

export type ShellBadges = { inbox: number; notifications: number };

export function useShellBadges(fromLoader: ShellBadges | null): ShellBadges | null {
  const fetcher = useFetcher<ShellBadges>();
  const load = useRef(fetcher.load);
  load.current = fetcher.load;
  const [badges, setBadges] = useState(fromLoader);
  // A navigation or revalidation brings fresh numbers too.
  const inbox = fromLoader?.inbox;
  const notifications = fromLoader?.notifications;
  useEffect(() => {
    setBadges(inbox === undefined || notifications === undefined ? null : { inbox, notifications });
  }, [inbox, notifications]);
  useEffect(() => {
    const data = fetcher.data;
    if (data && typeof data.inbox === "number" && typeof data.notifications === "number") setBadges({ inbox: data.inbox, notifications: data.notifications });
  }, [fetcher.data]);
  const coalescer = useRef<RefreshCoalescer | null>(null);
  useEffect(() => {
    const created = new RefreshCoalescer(() => load.current("/api/badges"));
    coalescer.current = created;
    return () => created.dispose();
  }, []);
  const topics = useWorkspaceTopics();
  const refetch = () => coalescer.current?.request();
  useLiveEvents([topics.organization], ["conversation.changed"], refetch);
  useLiveEvents([topics.user], ["notification.changed"], refetch);
  return badges;
}
