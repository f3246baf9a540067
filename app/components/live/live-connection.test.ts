// The tab's one stream and the reload throttle, driven by a stand-in for the
// browser's EventSource and by fake timers (the browser test covers the real one).
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { LiveConnection, RefreshCoalescer, liveStreamUrl, type EventSourceLike } from "~/components/live/live-connection";
import { liveTopic, type LiveEvent } from "~/utils/live-event";

class FakeSource implements EventSourceLike {
  readyState = 0;
  onopen: EventSourceLike["onopen"] = null;
  onerror: EventSourceLike["onerror"] = null;
  onmessage: EventSourceLike["onmessage"] = null;
  closed = false;
  constructor(readonly url: string) {}
  open() {
    this.readyState = 1;
    this.onopen?.(new Event("open"));
  }
  send(event: LiveEvent | string) {
    this.onmessage?.(new MessageEvent("message", { data: typeof event === "string" ? event : JSON.stringify(event) }));
  }
  fail(readyState: 0 | 2) {
    this.readyState = readyState;
    this.onerror?.(new Event("error"));
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
}

const org = liveTopic("organization", "00000000-0000-4000-8000-000000000001");
const me = liveTopic("user", "00000000-0000-4000-8000-000000000002");
const contactA = "00000000-0000-4000-8000-00000000000a";
const contactB = "00000000-0000-4000-8000-00000000000b";

function setup() {
  const sources: FakeSource[] = [];
  const connection = new LiveConnection((url) => {
    const source = new FakeSource(url);
    sources.push(source);
    return source;
  }, 10_000);
  const open = () => sources.filter((source) => !source.closed);
  return { connection, sources, open };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("one stream per tab", () => {
  test("every component subscribes through one EventSource carrying the union of their topics", () => {
    const { connection, sources, open } = setup();
    const layout: LiveEvent[] = [];
    const page: LiveEvent[] = [];
    const panel: LiveEvent[] = [];
    connection.subscribe({ topics: [me], types: ["member.updated"], onEvent: (e) => layout.push(e) });
    connection.subscribe({ topics: [liveTopic("contact", contactA)], types: ["contact.changed"], onEvent: (e) => page.push(e) });
    connection.subscribe({ topics: [liveTopic("contact", contactA)], types: ["followUp.changed"], onEvent: (e) => panel.push(e) });
    expect(sources).toHaveLength(0);
    vi.runAllTimers();
    expect(sources).toHaveLength(1);
    expect(sources[0]!.url).toBe(liveStreamUrl([liveTopic("contact", contactA), me]));
    expect(new URL(sources[0]!.url, "http://x").searchParams.getAll("topic")).toEqual([`contact:${contactA}`, me]);

    sources[0]!.open();
    expect(connection.getStatus()).toBe("live");
    // What was published between the page's data being read and the stream listening was not heard: each reloads once.
    const caughtUp: LiveEvent = { type: "reconnected" };
    expect([layout, page, panel]).toEqual([[caughtUp], [caughtUp], [caughtUp]]);
    const changedA: LiveEvent = { type: "contact.changed", contactIds: [contactA] };
    const followUp: LiveEvent = { type: "followUp.changed", followUpId: "f1", contactId: contactA };
    const mine: LiveEvent = { type: "member.updated", membershipId: "m1", userId: me.slice(5) };
    sources[0]!.send(changedA);
    sources[0]!.send(followUp);
    sources[0]!.send(mine);
    sources[0]!.send("not json");
    // Each component gets only the types it asked for.
    expect(layout).toEqual([caughtUp, mine]);
    expect(page).toEqual([caughtUp, changedA]);
    expect(panel).toEqual([caughtUp, followUp]);
    expect(open()).toHaveLength(1);
  });

  test("a navigation that swaps one page's topics for another's reopens the stream once; the same topics keep it", () => {
    const { connection, sources, open } = setup();
    const received: string[] = [];
    connection.subscribe({ topics: [me], types: ["member.updated"], onEvent: () => received.push("layout") });
    const leave = connection.subscribe({ topics: [liveTopic("contact", contactA)], types: ["contact.changed"], onEvent: () => received.push("A") });
    vi.runAllTimers();
    sources[0]!.open();

    // The contact page unmounts and the board mounts in the same commit.
    leave();
    connection.subscribe({ topics: [org], types: ["contact.changed"], onEvent: () => received.push("board") });
    vi.runAllTimers();
    expect(sources).toHaveLength(2);
    expect(sources[0]!.closed).toBe(true);
    expect(sources[1]!.url).toBe(liveStreamUrl([me, org].sort()));
    expect(received).toEqual(["layout", "A"]);
    sources[1]!.open();
    sources[1]!.send({ type: "contact.changed", contactIds: [contactB] });
    // The new stream's opening reaches the layout and the board (either may have missed something during the swap); the event only the board.
    expect(received).toEqual(["layout", "A", "layout", "board", "board"]);

    // Another component with topics already listened to changes nothing.
    const again = connection.subscribe({ topics: [org], types: ["deal.changed"], onEvent: () => {} });
    again();
    vi.runAllTimers();
    expect(sources).toHaveLength(2);
    expect(open()).toHaveLength(1);
  });

  test("the shell's inbox topic goes on a narrow page's stream, and is dropped where the organization's topic carries it", () => {
    const { connection, sources } = setup();
    const inbox = liveTopic("inbox", org.slice("organization:".length));
    const counts: LiveEvent[] = [];
    connection.subscribe({ topics: [inbox], types: ["conversation.changed"], onEvent: (e) => counts.push(e) });
    const leave = connection.subscribe({ topics: [liveTopic("contact", contactA)], types: ["contact.changed"], onEvent: () => {} });
    vi.runAllTimers();
    expect(new URL(sources[0]!.url, "http://x").searchParams.getAll("topic")).toEqual([`contact:${contactA}`, inbox]);

    leave();
    connection.subscribe({ topics: [org], types: ["contact.changed"], onEvent: () => {} });
    vi.runAllTimers();
    expect(new URL(sources[1]!.url, "http://x").searchParams.getAll("topic")).toEqual([org]);
    sources[1]!.open();
    const changed: LiveEvent = { type: "conversation.changed", conversationId: contactB, contactId: contactA };
    sources[1]!.send(changed);
    sources[1]!.send({ type: "contact.changed", contactIds: [contactA] });
    // The count still hears its conversations through the organization's stream, and only them.
    expect(counts).toEqual([{ type: "reconnected" }, changed]);
  });

  test("the last subscriber leaving closes the stream", () => {
    const { connection, sources, open } = setup();
    const leave = connection.subscribe({ topics: [org], types: ["deal.changed"], onEvent: () => {} });
    vi.runAllTimers();
    sources[0]!.open();
    leave();
    vi.runAllTimers();
    expect(open()).toHaveLength(0);
    expect(connection.getStatus()).toBe("off");
  });

  test("a refetch reaches subscribers of its type on a topic of its kind; reconnected reaches everyone", () => {
    const { connection, sources } = setup();
    const contactPage: LiveEvent[] = [];
    const layout: LiveEvent[] = [];
    connection.subscribe({ topics: [liveTopic("contact", contactA)], types: ["contact.changed"], onEvent: (e) => contactPage.push(e) });
    connection.subscribe({ topics: [me], types: ["member.updated"], onEvent: (e) => layout.push(e) });
    vi.runAllTimers();
    sources[0]!.open();
    sources[0]!.send({ type: "refetch", of: "contact.changed" });
    sources[0]!.send({ type: "refetch", of: "deal.changed" });
    expect(contactPage).toEqual([{ type: "reconnected" }, { type: "refetch", of: "contact.changed" }]);
    expect(layout).toEqual([{ type: "reconnected" }]);

    // The network drops; the browser reconnects by itself; both may have missed something.
    sources[0]!.fail(0);
    expect(connection.getStatus()).toBe("connecting");
    sources[0]!.open();
    expect(contactPage.at(-1)).toEqual({ type: "reconnected" });
    expect(layout).toEqual([{ type: "reconnected" }, { type: "reconnected" }]);
  });

  test("a refused stream shows offline and tries again later with a new EventSource", () => {
    const { connection, sources } = setup();
    const received: LiveEvent[] = [];
    connection.subscribe({ topics: [org], types: ["deal.changed"], onEvent: (e) => received.push(e) });
    vi.runAllTimers();
    sources[0]!.fail(2);
    expect(connection.getStatus()).toBe("offline");
    vi.advanceTimersByTime(9_999);
    expect(sources).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sources).toHaveLength(2);
    sources[1]!.open();
    expect(connection.getStatus()).toBe("live");
    expect(received).toEqual([{ type: "reconnected" }]);
  });
});

describe("reloads are coalesced", () => {
  function coalescer() {
    const runs: number[] = [];
    const refresh = new RefreshCoalescer(() => runs.push(Date.now()), 500);
    return { refresh, runs };
  }

  test("a burst of events makes one reload at once and at most one more per 500 ms", () => {
    const { refresh, runs } = coalescer();
    const start = Date.now();
    refresh.request();
    vi.advanceTimersByTime(0);
    expect(runs).toEqual([start]);
    // Forty events over the next second.
    for (let i = 0; i < 40; i += 1) {
      refresh.request();
      vi.advanceTimersByTime(25);
    }
    vi.runAllTimers();
    expect(runs).toEqual([start, start + 500, start + 1000]);
    for (let i = 1; i < runs.length; i += 1) expect(runs[i]! - runs[i - 1]!).toBeGreaterThanOrEqual(500);
  });

  test("while the page navigates or submits, a reload waits until it is idle, then runs once", () => {
    const { refresh, runs } = coalescer();
    refresh.setBusy(true);
    refresh.request();
    refresh.request();
    vi.advanceTimersByTime(2_000);
    expect(runs).toHaveLength(0);
    refresh.setBusy(false);
    vi.runAllTimers();
    expect(runs).toHaveLength(1);
    // Nothing pending: idle again changes nothing.
    refresh.setBusy(true);
    refresh.setBusy(false);
    vi.runAllTimers();
    expect(runs).toHaveLength(1);
  });

  test("disposing drops a pending reload", () => {
    const { refresh, runs } = coalescer();
    refresh.request();
    vi.advanceTimersByTime(0);
    refresh.request();
    refresh.dispose();
    vi.runAllTimers();
    expect(runs).toHaveLength(1);
  });
});
