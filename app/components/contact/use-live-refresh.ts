import { useEffect, useState } from "react";
import { useFetchers, useNavigation, useRevalidator } from "@remix-run/react";
import { useLiveEvents } from "~/components/use-live-events";
import type { LiveEvent, LiveEventType } from "~/utils/live-event";

/**
 * Reloads the page's data when a matching live event arrives, but never in the
 * middle of this page's own submission or navigation (which reloads the data
 * anyway): the refresh waits until everything is idle.
 */
export function useLiveRefresh(types: LiveEventType[], matches: (event: LiveEvent) => boolean = () => true) {
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  const fetchers = useFetchers();
  const [stale, setStale] = useState(false);
  const busy = navigation.state !== "idle" || revalidator.state !== "idle" || fetchers.some((fetcher) => fetcher.state !== "idle");
  useLiveEvents(types, (event) => {
    if (event.type === "reconnected" || matches(event)) setStale(true);
  });
  useEffect(() => {
    if (stale && !busy) {
      setStale(false);
      revalidator.revalidate();
    }
  }, [stale, busy, revalidator]);
}
