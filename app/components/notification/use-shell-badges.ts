// The app shell's counts, kept live: a conversation changing anywhere in the organization (new
// message, assignee, read; heard on the narrow inbox topic, not the whole organization's) or one of
// my notifications changing refetches just these two numbers from /api/badges (at most once per
// 500 ms), instead of reloading the page. A plain fetch, not a
// Remix fetcher: a fetcher is revalidated with the page and would make every refresh ask twice.
import { useEffect, useRef, useState } from "react";
import { useLiveEvents, useWorkspaceTopics } from "~/components/live/live-events";
import { RefreshCoalescer } from "~/components/live/live-connection";

export type ShellBadges = { inbox: number; notifications: number };

function isBadges(value: unknown): value is ShellBadges {
  const badges = value as Partial<ShellBadges> | null;
  return typeof badges?.inbox === "number" && typeof badges.notifications === "number";
}

export function useShellBadges(fromLoader: ShellBadges | null): ShellBadges | null {
  const [badges, setBadges] = useState(fromLoader);
  // A navigation or revalidation brings fresh numbers too.
  const inbox = fromLoader?.inbox;
  const notifications = fromLoader?.notifications;
  useEffect(() => {
    setBadges(inbox === undefined || notifications === undefined ? null : { inbox, notifications });
  }, [inbox, notifications]);
  const coalescer = useRef<RefreshCoalescer | null>(null);
  useEffect(() => {
    let controller: AbortController | null = null;
    const created = new RefreshCoalescer(() => {
      controller?.abort();
      const current = new AbortController();
      controller = current;
      fetch("/api/badges", { signal: current.signal, headers: { Accept: "application/json" } })
        .then((response) => (response.ok ? response.json() : null))
        .then((data: unknown) => {
          if (!current.signal.aborted && isBadges(data)) setBadges({ inbox: data.inbox, notifications: data.notifications });
        })
        .catch(() => {
          // Offline or aborted: the next event or navigation tries again.
        });
    });
    coalescer.current = created;
    return () => {
      created.dispose();
      controller?.abort();
    };
  }, []);
  const topics = useWorkspaceTopics();
  const refetch = () => coalescer.current?.request();
  useLiveEvents([topics.inbox], ["conversation.changed"], refetch);
  useLiveEvents([topics.user], ["notification.changed"], refetch);
  return badges;
}
