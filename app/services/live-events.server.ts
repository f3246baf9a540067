// Live updates over PostgreSQL LISTEN/NOTIFY: one channel per organization,
// one listening connection per process shared by every open event stream.
// Each stream listens to topics (the organization, a contact, the user); the
// hub hands it only the events for those topics (see eventMatchesTopics).
import pg from "pg";
import { Prisma, type PrismaClient } from "~/generated/prisma/client";
import { LISTEN_APPLICATION_NAME } from "~/utils/pg-pool.server";
import { getEnv } from "~/utils/env.server";
import { eventMatchesTopics, liveTopic, type LiveEvent, type LiveTopic, type PublishedLiveEvent } from "~/utils/live-event";

type Tx = Prisma.TransactionClient | PrismaClient;
type Listener = (event: LiveEvent) => void;
type Subscriber = { listener: Listener; topics: ReadonlySet<string> };

/** PostgreSQL refuses a NOTIFY payload of 8,000 bytes or more (in the server's encoding, UTF-8 here). */
export const NOTIFY_PAYLOAD_LIMIT = 8000;

export function organizationChannel(organizationId: string): string {
  return `org_${organizationId.replace(/-/g, "")}`;
}

/**
 * The notification's text. An event too large for one notification (thousands
 * of contact ids from a bulk write) becomes "something of this type changed,
 * refetch", which every stream that would have received it still receives.
 */
export function liveEventPayload(event: PublishedLiveEvent): string {
  const payload = JSON.stringify(event);
  if (Buffer.byteLength(payload, "utf8") < NOTIFY_PAYLOAD_LIMIT) return payload;
  return JSON.stringify({ type: "refetch", of: event.type } satisfies LiveEvent);
}

/** Publishes several events in one statement (in order); inside a transaction they are sent on commit. */
export async function publishLiveEvents(db: Tx, organizationId: string, events: PublishedLiveEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db.$executeRaw`SELECT ${publishLiveEventsSql(organizationId, events)}`;
}

/** publishLiveEvents as an SQL expression (how many it published), for a statement that does more at once. */
export function publishLiveEventsSql(organizationId: string, events: PublishedLiveEvent[]): Prisma.Sql {
  if (events.length === 0) return Prisma.sql`0`;
  const channel = organizationChannel(organizationId);
  return Prisma.sql`(SELECT count(pg_notify(${channel}, e.payload)) FROM (SELECT payload FROM unnest(${events.map(liveEventPayload)}::text[]) WITH ORDINALITY AS e(payload, n) ORDER BY n OFFSET 0) AS e)`;
}

/** Publishes an event on its topics in the organization. Inside a transaction it is sent on commit. */
export async function publishLiveEvent(db: Tx, organizationId: string, event: PublishedLiveEvent): Promise<void> {
  await db.$executeRaw`SELECT pg_notify(${organizationChannel(organizationId)}, ${liveEventPayload(event)})`;
}

class LiveEventHub {
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private listeners = new Map<string, Set<Subscriber>>();
  private retryDelayMs = 500;

  /**
   * Listens to the organization's events on `topics` (default: the organization
   * topic, which receives all of them). The caller has checked the topics are
   * the organization's; each event reaches the listener once.
   */
  async subscribe(
    organizationId: string,
    listener: Listener,
    topics: readonly LiveTopic[] = [liveTopic("organization", organizationId)],
  ): Promise<() => Promise<void>> {
    const channel = organizationChannel(organizationId);
    const subscriber: Subscriber = { listener, topics: new Set(topics) };
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      const client = await this.connection();
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    }
    set.add(subscriber);
    return async () => {
      const current = this.listeners.get(channel);
      if (!current?.has(subscriber)) return;
      current.delete(subscriber);
      if (current.size === 0) {
        this.listeners.delete(channel);
        await this.client?.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`).catch(() => {});
      }
    };
  }

  listenerCount(): number {
    let count = 0;
    for (const set of this.listeners.values()) count += set.size;
    return count;
  }

  private connection(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: getEnv().DATABASE_URL, keepAlive: true, application_name: LISTEN_APPLICATION_NAME });
    client.on("notification", (message) => {
      const set = this.listeners.get(message.channel);
      if (!set || !message.payload) return;
      let event: LiveEvent;
      try {
        event = JSON.parse(message.payload) as LiveEvent;
      } catch {
        return;
      }
      for (const subscriber of set) if (eventMatchesTopics(event, subscriber.topics)) subscriber.listener(event);
    });
    const onLost = () => {
      if (this.client !== client) return;
      this.client = null;
      client.removeAllListeners("notification");
      client.end().catch(() => {});
      this.scheduleReconnect();
    };
    client.on("error", onLost);
    client.on("end", onLost);
    await client.connect();
    this.client = client;
    this.retryDelayMs = 500;
    return client;
  }

  /** After a lost connection, reconnect with backoff and listen again on every channel still watched. */
  private scheduleReconnect() {
    if (this.listeners.size === 0) return;
    const delay = this.retryDelayMs;
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, 30_000);
    setTimeout(() => {
      this.connection()
        .then(async (client) => {
          for (const channel of this.listeners.keys()) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
          for (const set of this.listeners.values()) for (const { listener } of set) listener({ type: "reconnected" });
        })
        .catch(() => this.scheduleReconnect());
    }, delay).unref();
  }

  async close() {
    this.listeners.clear();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }
}

const globalForHub = globalThis as unknown as { __leadlaneLiveHub?: LiveEventHub };

export function liveEventHub(): LiveEventHub {
  globalForHub.__leadlaneLiveHub ??= new LiveEventHub();
  return globalForHub.__leadlaneLiveHub;
}
