// The one live-event stream of a browser tab, shared by every component that
// listens (through LiveEventsProvider), and the throttle that turns a burst of
// events into at most one data reload per interval. Plain classes with no React
// and no globals, so tests drive them with a fake EventSource and fake timers.
import { eventMatchesTopics, type LiveEvent, type LiveEventType, type LiveTopic } from "~/utils/live-event";

/** "off" until JavaScript runs the page (the server's HTML, or JavaScript turned off) or while nothing listens. */
export type LiveStatus = "off" | "connecting" | "live" | "offline";

export const LIVE_EVENTS_PATH = "/api/events";
/** At most one reload of the page's data per this many milliseconds, however many events arrive. */
export const LIVE_REFRESH_INTERVAL_MS = 500;
/** After the server refused or ended the stream for good, try again this much later. */
export const LIVE_RETRY_AFTER_CLOSED_MS = 15_000;

/** What LiveConnection needs of the browser's EventSource. */
export type EventSourceLike = {
  readonly readyState: number;
  onopen: ((event: Event) => unknown) | null;
  onerror: ((event: Event) => unknown) | null;
  onmessage: ((event: MessageEvent<string>) => unknown) | null;
  close(): void;
};

const CLOSED = 2;

export type LiveSubscription = {
  topics: readonly LiveTopic[];
  types: readonly LiveEventType[];
  onEvent: (event: LiveEvent) => void;
};

type Entry = { topics: ReadonlySet<string>; types: ReadonlySet<string>; onEvent: (event: LiveEvent) => void };

/** The URL of a stream listening to these topics. */
export function liveStreamUrl(topics: readonly string[]): string {
  const params = new URLSearchParams();
  for (const topic of topics) params.append("topic", topic);
  return `${LIVE_EVENTS_PATH}?${params}`;
}

export class LiveConnection {
  private entries = new Set<Entry>();
  private source: EventSourceLike | null = null;
  private sourceKey = "";
  private syncTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private status: LiveStatus = "off";
  private statusListeners = new Set<() => void>();

  constructor(
    private readonly openSource: (url: string) => EventSourceLike,
    private readonly retryAfterClosedMs = LIVE_RETRY_AFTER_CLOSED_MS,
  ) {}

  /**
   * Listens to `types` on `topics`. The stream's topics are the union of every
   * subscription's; changes made together (a navigation unsubscribing one page
   * and subscribing the next) reopen the stream once.
   */
  subscribe(subscription: LiveSubscription): () => void {
    const entry: Entry = { topics: new Set(subscription.topics), types: new Set(subscription.types), onEvent: subscription.onEvent };
    this.entries.add(entry);
    this.scheduleSync();
    return () => {
      if (this.entries.delete(entry)) this.scheduleSync();
    };
  }

  /** The topics the stream listens to (or is about to), sorted. The organization's topic carries the inbox's too. */
  topics(): string[] {
    const all = new Set<string>();
    for (const entry of this.entries) for (const topic of entry.topics) all.add(topic);
    const whole = [...all].some((topic) => topic.startsWith("organization:"));
    return [...all].filter((topic) => !(whole && topic.startsWith("inbox:"))).sort();
  }

  getStatus = (): LiveStatus => this.status;

  onStatus = (listener: () => void): (() => void) => {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  };

  close() {
    if (this.syncTimer) clearTimeout(this.syncTimer);
    this.syncTimer = null;
    this.entries.clear();
    this.closeSource();
    this.setStatus("off");
  }

  private scheduleSync() {
    this.syncTimer ??= setTimeout(() => {
      this.syncTimer = null;
      this.sync();
    }, 0);
  }

  private sync() {
    const topics = this.topics();
    const key = topics.join(" ");
    if (this.source && key === this.sourceKey) return;
    this.closeSource();
    this.sourceKey = key;
    if (topics.length === 0) {
      this.setStatus("off");
      return;
    }
    const source = this.openSource(liveStreamUrl(topics));
    this.source = source;
    this.setStatus("connecting");
    source.onopen = () => {
      if (this.source !== source) return;
      this.setStatus("live");
      // Whatever was published before this stream listened was not heard: between the page's data
      // being read and its first stream opening, while a navigation swapped streams, or while the
      // network was down. Every subscriber reloads once (coalesced) and is then up to date.
      this.dispatch({ type: "reconnected" });
    };
    source.onerror = () => {
      if (this.source !== source) return;
      if (source.readyState !== CLOSED) {
        // The browser reconnects by itself (after the server's `retry`).
        this.setStatus("connecting");
        return;
      }
      // Refused (signed out, another organization, a contact that is gone) or ended: try again later.
      this.setStatus("offline");
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        if (this.source !== source) return;
        this.closeSource();
        this.sync();
      }, this.retryAfterClosedMs);
    };
    source.onmessage = (message) => {
      if (this.source !== source) return;
      let event: LiveEvent;
      try {
        event = JSON.parse(message.data) as LiveEvent;
      } catch {
        return; // Not one of ours.
      }
      this.dispatch(event);
    };
  }

  private dispatch(event: LiveEvent) {
    for (const entry of [...this.entries]) {
      if (!this.entries.has(entry)) continue;
      const type = event.type === "refetch" ? event.of : event.type;
      if (event.type !== "reconnected" && !entry.types.has(type)) continue;
      if (!eventMatchesTopics(event, entry.topics)) continue;
      entry.onEvent(event);
    }
  }

  private closeSource() {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const source = this.source;
    this.source = null;
    this.sourceKey = "";
    if (source) {
      source.onopen = source.onerror = source.onmessage = null;
      source.close();
    }
  }

  private setStatus(status: LiveStatus) {
    if (this.status === status) return;
    this.status = status;
    for (const listener of this.statusListeners) listener();
  }
}

/**
 * Coalesces reload requests: the first runs at once, later ones wait until
 * `intervalMs` after the previous reload, and any number of requests in
 * between become one reload. While `busy` (the page is navigating, submitting
 * or already reloading, which loads fresh data anyway) it waits for idle.
 */
export class RefreshCoalescer {
  private pending = false;
  private busy = false;
  private lastRun = Number.NEGATIVE_INFINITY;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly run: () => void,
    private readonly intervalMs = LIVE_REFRESH_INTERVAL_MS,
    private readonly now: () => number = () => Date.now(),
  ) {}

  request() {
    this.pending = true;
    this.schedule();
  }

  setBusy(busy: boolean) {
    this.busy = busy;
    this.schedule();
  }

  dispose() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = false;
  }

  private schedule() {
    if (!this.pending || this.busy || this.timer) return;
    const wait = Math.max(0, this.lastRun + this.intervalMs - this.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.pending || this.busy) return;
      this.pending = false;
      this.lastRun = this.now();
      this.run();
    }, wait);
  }
}
