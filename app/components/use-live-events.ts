import { useEffect, useRef, useState } from "react";
import type { LiveEvent, LiveEventType } from "~/utils/live-event";

/** "off" until JavaScript runs the page (the server's HTML, or JavaScript turned off). */
export type LiveStatus = "off" | "connecting" | "live" | "offline";

/**
 * Listens to the organization's live events. The browser's EventSource
 * reconnects by itself; `onEvent` runs for the listed event types.
 */
export function useLiveEvents(types: LiveEventType[], onEvent: (event: LiveEvent) => void): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>("off");
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const key = types.join(",");
  useEffect(() => {
    const wanted = new Set(key.split(","));
    setStatus("connecting");
    const source = new EventSource("/api/events");
    source.onopen = () => setStatus("live");
    source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? "offline" : "connecting");
    const listener = (message: MessageEvent<string>) => {
      try {
        const event = JSON.parse(message.data) as LiveEvent;
        if (wanted.has(event.type) || event.type === "reconnected") handler.current(event);
      } catch {
        // Ignore anything that isn't one of our events.
      }
    };
    source.addEventListener("message", listener);
    return () => source.close();
  }, [key]);
  return status;
}
