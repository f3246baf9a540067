// Live updates for every component of a tab through one EventSource.
// LiveEventsProvider (in the root layout) owns the stream and one coalesced
// reload of the page's data; components say which topics and event types they
// show with useLiveRefresh (reload the data) or useLiveEvents (any reaction).
import { createContext, useContext, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import { useFetchers, useNavigation, useRevalidator } from "@remix-run/react";
import { LiveConnection, RefreshCoalescer, type LiveStatus } from "~/components/live/live-connection";
import { useAppData } from "~/components/use-app-data";
import { liveTopic, type LiveEvent, type LiveEventType, type LiveTopic } from "~/utils/live-event";

type Live = { connection: LiveConnection; refresh: RefreshCoalescer };

const LiveContext = createContext<Live | null>(null);

export function LiveEventsProvider({ children }: { children: ReactNode }) {
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  const fetchers = useFetchers();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  // Made in the browser only (the server renders no stream).
  const [live, setLive] = useState<Live | null>(null);
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const created: Live = {
      connection: new LiveConnection((url) => new EventSource(url)),
      refresh: new RefreshCoalescer(() => revalidate.current()),
    };
    setLive(created);
    return () => {
      created.connection.close();
      created.refresh.dispose();
    };
  }, []);
  const busy = navigation.state !== "idle" || revalidator.state !== "idle" || fetchers.some((fetcher) => fetcher.state !== "idle");
  useEffect(() => live?.refresh.setBusy(busy), [live, busy]);
  return <LiveContext.Provider value={live}>{children}</LiveContext.Provider>;
}

/** Drops unknown topics (a page rendered before its data names them) and gives a stable key. */
function topicKey(topics: readonly (LiveTopic | null | undefined)[]): string {
  return [...new Set(topics.filter((topic): topic is LiveTopic => Boolean(topic)))].sort().join(" ");
}

/**
 * Runs `onEvent` for each event of `types` on `topics`, and for "reconnected"
 * (something may have been missed) and "refetch" of those types.
 */
export function useLiveEvents(
  topics: readonly (LiveTopic | null | undefined)[],
  types: readonly LiveEventType[],
  onEvent: (event: LiveEvent) => void,
): void {
  const live = useContext(LiveContext);
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const topicsKey = topicKey(topics);
  const typesKey = [...types].sort().join(" ");
  useEffect(() => {
    if (!live || !topicsKey) return;
    return live.connection.subscribe({
      topics: topicsKey.split(" ") as LiveTopic[],
      types: typesKey.split(" ") as LiveEventType[],
      onEvent: (event) => handler.current(event),
    });
  }, [live, topicsKey, typesKey]);
}

/**
 * Reloads the page's data when an event of `types` arrives on `topics` and
 * `matches` it (a "reconnected" or "refetch" always does). Reloads from every
 * component of the tab are coalesced: at most one per 500 ms, never in the middle
 * of a navigation or a submission (which reload the data anyway).
 */
export function useLiveRefresh(
  topics: readonly (LiveTopic | null | undefined)[],
  types: readonly LiveEventType[],
  matches: (event: LiveEvent) => boolean = () => true,
): void {
  const live = useContext(LiveContext);
  useLiveEvents(topics, types, (event) => {
    if (event.type === "reconnected" || event.type === "refetch" || matches(event)) live?.refresh.request();
  });
}

const offline = () => () => {};

/** Whether the tab's stream is open. */
export function useLiveStatus(): LiveStatus {
  const live = useContext(LiveContext);
  return useSyncExternalStore(
    live?.connection.onStatus ?? offline,
    live?.connection.getStatus ?? (() => "off" as const),
    () => "off" as const,
  );
}

/** The topics of the signed-in person's workspace: their current organization and themselves in it. */
export function useWorkspaceTopics(): {
  organization: LiveTopic | null;
  user: LiveTopic | null;
  inbox: LiveTopic | null;
  templates: LiveTopic | null;
  consentKeywords: LiveTopic | null;
} {
  const { user, organization } = useAppData();
  // Streams belong to an organization: with none yet (creating the first), there is nothing to listen to.
  if (!organization) return { organization: null, user: null, inbox: null, templates: null, consentKeywords: null };
  return {
    organization: liveTopic("organization", organization.id),
    user: liveTopic("user", user.id),
    inbox: liveTopic("inbox", organization.id),
    templates: liveTopic("templates", organization.id),
    consentKeywords: liveTopic("consent-keywords", organization.id),
  };
}
